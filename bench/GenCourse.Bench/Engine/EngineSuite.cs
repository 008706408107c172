using System.Globalization;
using TorchSharp;

namespace GenCourse.Bench.Engine;

/// <summary>
/// <c>bench engine</c>: the same workloads in the course's TorchSharp code and in PyTorch (Debian's
/// python3-torch), on the same machine in one run, with the same thread settings on both sides.
/// Prints per case and thread count
/// <c>&lt;case&gt; threads=N csharp_ms=&lt;median&gt; python_ms=&lt;median&gt; ratio=&lt;csharp/python&gt;</c>,
/// the relative gaps between both sides' final losses, then for each training case the peak RSS
/// after 500 and 5,000 steps. See bench/README.md.
/// </summary>
public static class EngineSuite
{
    /// <summary>Where the variable that names another interpreter is read.</summary>
    public const string PythonVariable = "GENCOURSE_PYTHON";

    /// <summary>
    /// The interpreter of the PyTorch side: <c>GENCOURSE_PYTHON</c> when set, else Debian's
    /// /usr/bin/python3, where python3-torch is installed (not a pyenv python3 on PATH).
    /// </summary>
    public static string Python
    {
        get
        {
            string? env = Environment.GetEnvironmentVariable(PythonVariable);
            return string.IsNullOrWhiteSpace(env) ? "/usr/bin/python3" : env.Trim();
        }
    }

    /// <summary>
    /// The largest relative gap allowed between the two sides' check values, per case. The sides
    /// run different libtorch builds (2.10 + MKL vs Debian's 1.13 + OpenBLAS), so bit-for-bit
    /// agreement is no longer guaranteed: kernels may sum in another order, and training amplifies
    /// rounding step by step (the GAN most). Largest gaps observed over 3 rounds × threads 1 and 2
    /// with the default plan (2026-12-08): per_op 0, mlp_step 0, conv_step 3.5e-7, vae_epoch 2.0e-4
    /// (3 epochs), dcgan_step 3.1e-3 (22 steps). The bounds are about 10× those, and at least 1e-6
    /// for a single reduction or 1e-4 for ≤ 100 steps; a different model, loss, data order or
    /// optimizer setting should be off by far more.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, double> CheckTolerance = new Dictionary<string, double>
    {
        ["per_op"] = 1e-6,
        ["mlp_step"] = 1e-4,
        ["conv_step"] = 1e-4,
        ["vae_epoch"] = 2e-3,
        ["dcgan_step"] = 3e-2,
    };

    private const double RssGrowthTargetPct = 5;

    /// <summary>Repetitions per worker process (each side, each round); the medians pool all rounds.</summary>
    private static readonly CaseSpec[] Plan =
    [
        new("per_op", Warmup: 3, Reps: 6),      // one rep = 100k ops, ~0.1–0.2 s; warm-up covers JIT tiering
        new("mlp_step", Warmup: 20, Reps: 50),  // ~10 ms a step
        new("conv_step", Warmup: 3, Reps: 12),  // ~40–60 ms a step
        new("vae_epoch", Warmup: 1, Reps: 2),   // ~3–6 s an epoch (469 steps and reading the files)
        new("dcgan_step", Warmup: 2, Reps: 20), // ~0.2–0.5 s a step
    ];

    /// <summary>The plan of <c>--quick</c> (with one round).</summary>
    private static readonly CaseSpec[] QuickPlan =
    [
        new("per_op", Warmup: 2, Reps: 3),
        new("mlp_step", Warmup: 10, Reps: 20),
        new("conv_step", Warmup: 2, Reps: 6),
        new("vae_epoch", Warmup: 0, Reps: 1),
        new("dcgan_step", Warmup: 2, Reps: 6),
    ];

    public static int Run(string[] args)
    {
        var options = EngineOptions.Parse(args);
        return options.Mode switch
        {
            EngineMode.Worker => EngineWorker.RunCases(options.Threads[0], options.Cases),
            EngineMode.RssWorker => EngineWorker.RunRss(options.Threads[0], options.RssCases[0], options.RssSteps, options.RssLimitMb),
            _ => Compare(options),
        };
    }

    private static int Compare(EngineOptions options)
    {
        string script = Path.Combine(GenCourse.Paths.RepoRoot, "bench", "python", "engine.py");
        if (!File.Exists(script))
            throw new BenchException($"the Python side {script} is missing; run the bench from a GenCourse checkout (or set GENCOURSE_ROOT)");
        IReadOnlyDictionary<string, string> py = options.RssOnly ? new Dictionary<string, string>() : PythonInfo(script);
        IReadOnlyList<CaseSpec> plan = options.Cases.Count > 0 ? options.Cases : options.Quick ? QuickPlan : Plan;

        Console.WriteLine($"# bench engine: C# (TorchSharp {typeof(torch).Assembly.GetName().Version}) vs PyTorch ({Python}), {Environment.ProcessorCount} cores");
        Console.WriteLine($"# C#:     libtorch {torch.__version__}, BLAS: MKL (bundled in NuGet libtorch-cpu-linux-x64 2.10.0); loaded {LoadedLibrary("libtorch_cpu.so")}");
        if (!options.RssOnly) Console.WriteLine($"# Python: torch {py["torch"]}, BLAS: {py["blas"]}; loaded {py["blas_lib"]}");
        if (!options.RssOnly)
        {
            Console.WriteLine($"# both sides: OMP_NUM_THREADS=MKL_NUM_THREADS=N, torch.set_num_threads(N); OpenMP wait: C# {GenCourse.Engine.NativeSettings.WaitPolicy}, Python PASSIVE (each side's faster; see bench/README.md); medians over {options.Rounds} round(s) alternating C# and Python");
            Console.WriteLine("# per_op: ms for 100k elementwise ops on 16 floats; mlp_step, conv_step: ms per training step (batch 128, Adam)");
            Console.WriteLine("# vae_epoch: ms per epoch of the 784-400-20-400-784 VAE over MNIST train (batch 128, Adam), reading the IDX files included");
            Console.WriteLine("# dcgan_step: ms per GanTrainer.TrainStep of the GAN chapter's DCGAN (nz 100, c 64, 28×28, batch 128, Adam 2e-4)");
        }
        Console.WriteLine($"# malloc: C# {GenCourse.Engine.NativeSettings.Malloc} (GenCourse.Engine.MallocSettings); Python: glibc defaults");
        Console.WriteLine($"# memory: every training loop calls GenCourse.Engine.TrainingMemory.AfterStep (a gen-0 GC every {GenCourse.Engine.TrainingMemory.Period} steps)");

        var gaps = new Dictionary<string, double>();
        foreach (int threads in options.RssOnly ? [] : options.Threads)
        {
            var csharp = plan.ToDictionary(c => c.Name, _ => new List<double>());
            var python = plan.ToDictionary(c => c.Name, _ => new List<double>());
            for (int round = 0; round < options.Rounds; ++round)
            {
                Progress($"threads={threads} round {round + 1}/{options.Rounds}");
                // Alternate which side goes first, so slow drift on a shared machine evens out.
                List<CaseTimings> cs, pys;
                if (round % 2 == 0)
                {
                    cs = RunCSharp(threads, plan);
                    pys = RunPython(script, threads, plan);
                }
                else
                {
                    pys = RunPython(script, threads, plan);
                    cs = RunCSharp(threads, plan);
                }
                foreach (CaseTimings r in cs) csharp[r.Case].AddRange(r.Milliseconds);
                foreach (CaseTimings r in pys) python[r.Case].AddRange(r.Milliseconds);
                CompareChecks(cs, pys, threads, gaps);
            }

            foreach (CaseSpec spec in plan)
            {
                double c = Stats.Median(csharp[spec.Name]);
                double p = Stats.Median(python[spec.Name]);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{spec.Name} threads={threads} csharp_ms={c:F2} python_ms={p:F2} ratio={c / p:F3}"));
            }
        }
        if (!options.RssOnly)
            Console.WriteLine("# checks, largest relative gap |C# − Python| / |Python| of the final loss (sum for per_op) over all rounds and thread counts (allowed): "
            + string.Join(", ", plan.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Name} {gaps[s.Name]:E1} ({CheckTolerance[s.Name]:E0})"))));

        var misses = new List<string>();
        if (options.RssSteps.Count > 0)
        {
            // One fresh process per case, at the larger thread count, so each peak is the case's own.
            int threads = options.Threads.Max();
            foreach (string name in options.RssCases)
            {
                Progress($"peak RSS over {options.RssSteps[^1]} {name} steps, threads={threads}");
                double? growth = MeasureRss(name, threads, options.RssSteps, options.RssLimitMb);
                if (growth is not double g || g >= RssGrowthTargetPct)
                    misses.Add(growth is double gg ? string.Create(CultureInfo.InvariantCulture, $"{name} peak RSS grew {gg:F1}%") : $"{name} stopped at the RSS limit");
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"# target: peak RSS growth from {options.RssSteps[0]} to {options.RssSteps[^1]} steps < {RssGrowthTargetPct}% — ")
                + (misses.Count == 0 ? "met" : "missed: " + string.Join("; ", misses)));
        }
        return 0;
    }

    private static Dictionary<string, string> ThreadEnvironment(int threads, bool python = false)
    {
        string n = threads.ToString(CultureInfo.InvariantCulture);
        // libgomp, MKL and OpenBLAS read these when they load; GenCourse's NativeSettings reads GENCOURSE_NUM_THREADS.
        var environment = new Dictionary<string, string>
        {
            ["OMP_NUM_THREADS"] = n,
            ["MKL_NUM_THREADS"] = n,
            ["GENCOURSE_NUM_THREADS"] = n,
        };
        // Each side waits as it runs fastest. PyTorch 1.13's OpenBLAS keeps its own threads, which
        // spinning OpenMP threads fight: PASSIVE (VAE epoch at 2 threads 3.8–4.4 s, 11.4–12.3 s with
        // libgomp's default spin). TorchSharp's MKL shares libtorch's libgomp: the default spin, as
        // the course runs it (2.9–3.8 s; 5.5–5.7 s with PASSIVE).
        if (python) environment["OMP_WAIT_POLICY"] = "PASSIVE";
        return environment;
    }

    private static List<CaseTimings> RunCSharp(int threads, IReadOnlyList<CaseSpec> plan)
    {
        (string file, string[] prefix) = Subprocess.Self();
        var args = new List<string>(prefix) { "engine", "--worker", "--threads", threads.ToString(CultureInfo.InvariantCulture) };
        foreach (CaseSpec c in plan) args.AddRange(["--case", c.ToString()]);
        return Expect(CaseTimings.ParseAll(Subprocess.Run(file, args, ThreadEnvironment(threads), "the C# worker"), "the C# worker"), plan, "the C# worker");
    }

    private static List<CaseTimings> RunPython(string script, int threads, IReadOnlyList<CaseSpec> plan)
    {
        var args = new List<string> { script, "--threads", threads.ToString(CultureInfo.InvariantCulture), "--data", GenCourse.Data.Mnist.DefaultDirectory };
        foreach (CaseSpec c in plan) args.AddRange(["--case", c.ToString()]);
        return Expect(CaseTimings.ParseAll(Subprocess.Run(Python, args, ThreadEnvironment(threads, python: true), "the Python side (bench/python/engine.py)"), "the Python side"), plan, "the Python side");
    }

    private static List<CaseTimings> Expect(List<CaseTimings> results, IReadOnlyList<CaseSpec> plan, string who)
    {
        foreach (CaseSpec c in plan)
            if (!results.Any(r => r.Case == c.Name && r.Milliseconds.Length == c.Reps))
                throw new BenchException($"{who} did not report {c.Reps} timings for {c.Name}");
        return results;
    }

    /// <summary>
    /// Both sides draw the same parameters and data from the same seed and apply the same ops, so
    /// their final losses agree up to rounding, which differs between the two libtorch builds and
    /// BLAS libraries and grows with the number of training steps. A gap over
    /// <see cref="CheckTolerance"/> means the workloads differ.
    /// </summary>
    private static void CompareChecks(List<CaseTimings> csharp, List<CaseTimings> python, int threads, Dictionary<string, double> gaps)
    {
        foreach (CaseTimings c in csharp)
        {
            double x = c.Check, y = python.Single(p => p.Case == c.Case).Check;
            double gap = Math.Abs(x - y) / Math.Max(Math.Abs(y), 1e-12);
            gaps[c.Case] = Math.Max(gaps.GetValueOrDefault(c.Case), double.IsNaN(gap) ? double.PositiveInfinity : gap);
            double tolerance = CheckTolerance[c.Case];
            if (!(gap <= tolerance))
                throw new BenchException(string.Create(CultureInfo.InvariantCulture,
                    $"{c.Case} threads={threads}: C# ends at {x:R} but Python at {y:R} (relative gap {gap:E1}, allowed {tolerance:E0}), so they are not running the same math"));
        }
    }

    private static double? MeasureRss(string name, int threads, IReadOnlyList<int> steps, int limitMb)
    {
        (string file, string[] prefix) = Subprocess.Self();
        var args = new List<string>(prefix)
        {
            "engine", "--rss-worker", "--threads", threads.ToString(CultureInfo.InvariantCulture), "--rss-case", name,
            "--rss-steps", string.Join(",", steps), "--rss-limit-mb", limitMb.ToString(CultureInfo.InvariantCulture),
        };
        string output = Subprocess.Run(file, args, ThreadEnvironment(threads), $"the C# RSS worker ({name})");
        var points = new List<Dictionary<string, string>>();
        string? stopped = null;
        foreach (string line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (line.StartsWith("rss stopped ", StringComparison.Ordinal)) stopped = line["rss stopped ".Length..];
            else if (line.StartsWith("rss ", StringComparison.Ordinal))
                points.Add(line[4..].Split(' ').Select(f => f.Split('=')).ToDictionary(kv => kv[0], kv => kv[1]));
        }
        if (points.Count == 0) throw new BenchException($"the C# RSS worker ({name}) reported no measurement");

        double Mb(Dictionary<string, string> p, string key) => long.Parse(p[key], CultureInfo.InvariantCulture) / 1024.0;
        var line2 = new System.Text.StringBuilder($"{name}_peak_rss threads={threads}");
        foreach (var p in points) line2.Append(CultureInfo.InvariantCulture, $" after_{p["steps"]}_mb={Mb(p, "peak_kb"):F1}");
        double? growth = null;
        if (stopped is not null)
            line2.Append(" growth_pct=n/a (stopped: RSS passed --rss-limit-mb)");
        else if (points.Count >= 2)
        {
            growth = 100 * (Mb(points[^1], "peak_kb") - Mb(points[0], "peak_kb")) / Mb(points[0], "peak_kb");
            line2.Append(CultureInfo.InvariantCulture, $" growth_pct={growth:F1}");
        }
        Console.WriteLine(line2.ToString());
        if (stopped is not null) Console.WriteLine($"#   stopped early: {stopped}");
        Console.WriteLine("#   tensors live in scopes / outside scopes, managed MB allocated / gen-0 GCs / malloc MB in use / held, seconds: " + string.Join("; ", points.Select(p =>
            string.Create(CultureInfo.InvariantCulture,
                $"{p["steps"]}: {p["scoped_live"]} / {p["unscoped_live"]}, {Mb(p, "managed_allocated_kb"):F1} / {p["gen0_gcs"]} / {Mb(p, "malloc_in_use_kb"):F1} / {Mb(p, "malloc_held_kb"):F1}, {p["seconds"]} s"))));
        return growth;
    }

    /// <summary>The path of a loaded shared library, from /proc/self/maps.</summary>
    private static string LoadedLibrary(string name)
    {
        const string maps = "/proc/self/maps";
        if (!File.Exists(maps)) return $"{name} (path unknown)";
        return File.ReadLines(maps).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(f => f.Length >= 6)
            .Select(f => f[^1]).FirstOrDefault(p => Path.GetFileName(p) == name) ?? $"{name} (not mapped)";
    }

    /// <summary>The Python side's torch version and BLAS, or a clear error saying how to install it.</summary>
    private static IReadOnlyDictionary<string, string> PythonInfo(string script)
    {
        string python = Python;
        string install = Environment.GetEnvironmentVariable(PythonVariable) is { Length: > 0 }
            ? $"{PythonVariable}={python} must name a python that imports torch, or unset it to use Debian's /usr/bin/python3"
            : "install Debian's PyTorch with `sudo apt-get install --no-install-recommends python3-torch libopenblas0-pthread` (or run `./gencourse bench engine`, which installs it)";
        // A bare name ("python3") is looked up on PATH when it runs; a path must exist.
        if (python.Contains('/') && !File.Exists(python)) throw new BenchException($"{python} does not exist; {install}");
        string output;
        try
        {
            output = Subprocess.Run(python, [script, "--info"], new Dictionary<string, string>(), $"{python} {script} --info");
        }
        catch (BenchException e)
        {
            throw new BenchException($"{python} cannot import torch; {install}.\n{e.Message}");
        }
        var info = new Dictionary<string, string>();
        foreach (string line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int eq = line.IndexOf('=');
            if (eq > 0) info[line[..eq]] = line[(eq + 1)..];
        }
        foreach (string key in new[] { "torch", "blas", "blas_lib" })
            if (!info.ContainsKey(key)) throw new BenchException($"{script} --info printed no {key}= line:\n{output}");
        return info;
    }

    private static void Progress(string what) => Console.Error.WriteLine($"bench engine: {what}…");
}
