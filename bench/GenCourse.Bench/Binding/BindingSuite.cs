using System.Globalization;
using GenCourse.Torch;

namespace GenCourse.Bench.Binding;

/// <summary>
/// <c>bench binding</c>: the same workloads in C# (this binding) and in PyTorch (Debian's
/// python3-torch, the same libtorch), on the same machine in one run, with the same thread
/// settings on both sides. Prints per case and thread count
/// <c>&lt;case&gt; threads=N csharp_ms=&lt;median&gt; python_ms=&lt;median&gt; ratio=&lt;csharp/python&gt;</c>,
/// then the peak RSS after 500 and 5,000 MLP steps. See bench/README.md.
/// </summary>
public static class BindingSuite
{
    /// <summary>Where the variable that names another interpreter is read.</summary>
    public const string PythonVariable = "GENCOURSE_PYTHON";

    /// <summary>
    /// The interpreter of the PyTorch side: <c>GENCOURSE_PYTHON</c> when set (the GPU package's
    /// run.sh sets it to the python whose torch the bridge was built against), else Debian's
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

    /// <summary>The targets from the issue: C#/Python time ratio per case, and RSS growth.</summary>
    private static readonly Dictionary<string, double> RatioTargets = new()
    {
        ["per_op"] = 0.95,
        ["mlp_step"] = 0.95,
        ["conv_step"] = 1.02,
        ["vae_epoch"] = 1.00,
        ["dcgan_step"] = 1.02,
    };

    private const double RssGrowthTargetPct = 5;

    /// <summary>Repetitions per worker process (each side, each round); the medians pool all rounds.</summary>
    private static readonly CaseSpec[] Plan =
    [
        new("per_op", Warmup: 3, Reps: 6),      // one rep = 100k ops, ~0.1–0.2 s; warm-up covers JIT tiering
        new("mlp_step", Warmup: 20, Reps: 50),  // ~10–15 ms a step
        new("conv_step", Warmup: 3, Reps: 12),  // ~80–120 ms a step
        new("vae_epoch", Warmup: 1, Reps: 2),   // ~2–4 s an epoch (469 steps and reading the files)
        new("dcgan_step", Warmup: 2, Reps: 20), // ~0.45–0.75 s a step
    ];

    public static int Run(string[] args)
    {
        var options = BindingOptions.Parse(args);
        return options.Mode switch
        {
            BindingMode.Worker => BindingWorker.RunCases(options.Threads[0], options.Cases),
            BindingMode.RssWorker => BindingWorker.RunRss(options.Threads[0], options.RssSteps),
            _ => Compare(options),
        };
    }

    private static int Compare(BindingOptions options)
    {
        string script = Path.Combine(GenCourse.Paths.RepoRoot, "bench", "python", "binding.py");
        if (!File.Exists(script))
            throw new BenchException($"the Python side {script} is missing; run the bench from a GenCourse checkout (or set GENCOURSE_ROOT)");
        string pythonTorch = PythonTorchVersion();
        IReadOnlyList<CaseSpec> plan = options.Cases.Count > 0 ? options.Cases : Plan;

        Console.WriteLine($"# bench binding: C# (GenCourse.Torch on libtorch {torch.__version__}) vs PyTorch {pythonTorch} ({Python}), {Environment.ProcessorCount} cores");
        Console.WriteLine($"# both sides: OMP_NUM_THREADS=N, OMP_WAIT_POLICY=PASSIVE, torch.set_num_threads(N); medians over {options.Rounds} rounds alternating C# and Python");
        Console.WriteLine("# per_op: ms for 100k elementwise ops on 16 floats; mlp_step, conv_step: ms per training step (batch 128, Adam)");
        Console.WriteLine("# vae_epoch: ms per epoch of the 784-400-20-400-784 VAE over MNIST train (batch 128, Adam), reading the IDX files included");
        Console.WriteLine("# dcgan_step: ms per GanTrainer.TrainStep of the GAN chapter's DCGAN (nz 100, c 64, 28×28, batch 128, Adam 2e-4)");
        bool userMalloc = new[] { "MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_", "MALLOC_TOP_PAD_", "GLIBC_TUNABLES" }
            .Any(v => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(v)));
        Console.WriteLine(userMalloc
            ? "# malloc: your MALLOC_*_/GLIBC_TUNABLES settings on both sides"
            : "# malloc: C# bridge sets mmap threshold 32 MiB, trim threshold 1 GiB (lib/GenCourse.Torch/Interop/MallocSettings.cs); Python: glibc defaults");

        var misses = new List<string>();
        foreach (int threads in options.Threads)
        {
            var csharp = plan.ToDictionary(c => c.Name, _ => new List<double>());
            var python = plan.ToDictionary(c => c.Name, _ => new List<double>());
            for (int round = 0; round < options.Rounds; ++round)
            {
                Progress($"threads={threads} round {round + 1}/{options.Rounds}");
                // Alternate which side goes first, so slow drift on a shared machine evens out.
                List<CaseTimings> cs, py;
                if (round % 2 == 0)
                {
                    cs = RunCSharp(threads, plan);
                    py = RunPython(script, threads, plan);
                }
                else
                {
                    py = RunPython(script, threads, plan);
                    cs = RunCSharp(threads, plan);
                }
                foreach (CaseTimings r in cs) csharp[r.Case].AddRange(r.Milliseconds);
                foreach (CaseTimings r in py) python[r.Case].AddRange(r.Milliseconds);
                CompareChecks(cs, py, threads, pythonTorch);
            }

            foreach (CaseSpec spec in plan)
            {
                double cs = Stats.Median(csharp[spec.Name]);
                double py = Stats.Median(python[spec.Name]);
                double ratio = cs / py;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{spec.Name} threads={threads} csharp_ms={cs:F2} python_ms={py:F2} ratio={ratio:F3}"));
                if (ratio > RatioTargets[spec.Name])
                    misses.Add(string.Create(CultureInfo.InvariantCulture, $"{spec.Name} threads={threads} ratio {ratio:F3} > {RatioTargets[spec.Name]:F2}"));
            }
        }

        if (options.RssSteps.Count > 0)
        {
            int threads = options.Threads.Max();
            Progress($"peak RSS over {options.RssSteps[^1]} MLP steps, threads={threads}");
            double? growth = MeasureRss(threads, options.RssSteps);
            if (growth is double g && g >= RssGrowthTargetPct)
                misses.Add(string.Create(CultureInfo.InvariantCulture, $"peak RSS grew {g:F2}% ≥ {RssGrowthTargetPct}%"));
        }

        Console.WriteLine("# targets: ratio ≤ 0.95 (per_op, mlp_step), ≤ 1.02 (conv_step, dcgan_step), ≤ 1.00 (vae_epoch); peak RSS growth 500 → 5,000 MLP steps < 5%");
        Console.WriteLine(misses.Count == 0 ? "# all targets met" : "# missed: " + string.Join("; ", misses));
        return 0;
    }

    private static Dictionary<string, string> ThreadEnvironment(int threads) => new()
    {
        // libgomp and OpenBLAS read these when they load; the bridge reads GENCOURSE_NUM_THREADS.
        ["OMP_NUM_THREADS"] = threads.ToString(CultureInfo.InvariantCulture),
        ["GENCOURSE_NUM_THREADS"] = threads.ToString(CultureInfo.InvariantCulture),
        ["OMP_WAIT_POLICY"] = "PASSIVE",
    };

    private static List<CaseTimings> RunCSharp(int threads, IReadOnlyList<CaseSpec> plan)
    {
        (string file, string[] prefix) = Subprocess.Self();
        var args = new List<string>(prefix) { "binding", "--worker", "--threads", threads.ToString(CultureInfo.InvariantCulture) };
        foreach (CaseSpec c in plan) args.AddRange(["--case", c.ToString()]);
        return Expect(CaseTimings.ParseAll(Subprocess.Run(file, args, ThreadEnvironment(threads), "the C# worker"), "the C# worker"), plan, "the C# worker");
    }

    private static List<CaseTimings> RunPython(string script, int threads, IReadOnlyList<CaseSpec> plan)
    {
        var args = new List<string> { script, "--threads", threads.ToString(CultureInfo.InvariantCulture), "--data", GenCourse.Data.Mnist.DefaultDirectory };
        foreach (CaseSpec c in plan) args.AddRange(["--case", c.ToString()]);
        return Expect(CaseTimings.ParseAll(Subprocess.Run(Python, args, ThreadEnvironment(threads), "the Python side (bench/python/binding.py)"), "the Python side"), plan, "the Python side");
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
    /// on Debian's PyTorch 1.13 every case's final loss agrees bit for bit, and a relative gap over
    /// 1e-4 means the workloads differ. PyTorch ≥ 2.0 updates Adam's first moment with lerp_ (1.13,
    /// and optim.Adam here: mul_ then add_), which rounds differently, and training amplifies the
    /// difference: against torch 2.11, vae_epoch ended 1.7e-4 apart and dcgan_step 1.8e-3, most
    /// likely from that. Against PyTorch 2.x the check allows 5e-2 and prints the gaps; a
    /// different loss or model is off by far more.
    /// </summary>
    private static void CompareChecks(List<CaseTimings> csharp, List<CaseTimings> python, int threads, string pythonTorch)
    {
        bool sameAdam = pythonTorch.StartsWith("1.", StringComparison.Ordinal);
        double tolerance = sameAdam ? 1e-4 : 5e-2;
        var gaps = new List<string>();
        foreach (CaseTimings c in csharp)
        {
            double x = c.Check, y = python.Single(p => p.Case == c.Case).Check;
            double gap = Math.Abs(x - y) / Math.Max(Math.Abs(y), 1e-12);
            gaps.Add(string.Create(CultureInfo.InvariantCulture, $"{c.Case} {gap:E1}"));
            if (!(gap <= tolerance))
                throw new BenchException(string.Create(CultureInfo.InvariantCulture,
                    $"{c.Case} threads={threads}: C# ends at {x:R} but Python at {y:R} (relative gap {gap:E1}, allowed {tolerance:E0}), so they are not running the same math"));
        }
        if (!sameAdam)
            Console.WriteLine($"# checks threads={threads}, relative gaps against PyTorch {pythonTorch} (its Adam rounds differently; allowed 5e-2): {string.Join(", ", gaps)}");
    }

    private static double? MeasureRss(int threads, IReadOnlyList<int> steps)
    {
        (string file, string[] prefix) = Subprocess.Self();
        var args = new List<string>(prefix)
        {
            "binding", "--rss-worker", "--threads", threads.ToString(CultureInfo.InvariantCulture),
            "--rss-steps", string.Join(",", steps),
        };
        string output = Subprocess.Run(file, args, ThreadEnvironment(threads), "the C# RSS worker");
        var points = new List<(int Steps, double Mb, long Live, Dictionary<string, string> Fields)>();
        foreach (string line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!line.StartsWith("rss ", StringComparison.Ordinal)) continue;
            var fields = line[4..].Split(' ').Select(f => f.Split('=')).ToDictionary(kv => kv[0], kv => kv[1]);
            points.Add((int.Parse(fields["steps"], CultureInfo.InvariantCulture),
                long.Parse(fields["peak_kb"], CultureInfo.InvariantCulture) / 1024.0,
                long.Parse(fields["live_tensors"], CultureInfo.InvariantCulture), fields));
        }
        if (points.Count != steps.Count) throw new BenchException($"the C# RSS worker reported {points.Count} of {steps.Count} measurements");

        var line2 = new System.Text.StringBuilder($"mlp_peak_rss threads={threads}");
        foreach (var p in points) line2.Append(CultureInfo.InvariantCulture, $" after_{p.Steps}_mb={p.Mb:F1}");
        double? growth = null;
        if (points.Count >= 2)
        {
            growth = 100 * (points[^1].Mb - points[0].Mb) / points[0].Mb;
            line2.Append(CultureInfo.InvariantCulture, $" growth_pct={growth:F2}");
        }
        Console.WriteLine(line2.ToString());
        Console.WriteLine("# live native tensors after " + string.Join(" / ", points.Select(p => $"{p.Steps}: {p.Live}")));
        Console.WriteLine("# managed MB allocated / gen-0 GCs / malloc MB in use / malloc MB held, after " + string.Join(" / ", points.Select(p =>
            string.Create(CultureInfo.InvariantCulture,
                $"{p.Steps}: {KbToMb(p.Fields["managed_allocated_kb"]):F1} / {p.Fields["gen0_gcs"]} / {KbToMb(p.Fields["malloc_in_use_kb"]):F1} / {KbToMb(p.Fields["malloc_held_kb"]):F1}"))));
        return growth;
    }

    private static double KbToMb(string kb) => long.Parse(kb, CultureInfo.InvariantCulture) / 1024.0;

    /// <summary>The PyTorch version <see cref="Python"/> imports, or a clear error saying how to install it.</summary>
    private static string PythonTorchVersion()
    {
        string python = Python;
        string install = Environment.GetEnvironmentVariable(PythonVariable) is { Length: > 0 }
            ? $"{PythonVariable}={python} must name a python that imports torch (the one whose libtorch the bridge was built against), or unset it to use Debian's /usr/bin/python3"
            : "install Debian's PyTorch (the same libtorch the bridge uses) with `sudo apt-get install python3-torch`";
        // A bare name ("python3") is looked up on PATH when it runs; a path must exist.
        if (python.Contains('/') && !File.Exists(python)) throw new BenchException($"{python} does not exist; {install}");
        try
        {
            string output = Subprocess.Run(python, ["-c", "import torch; print(torch.__version__)"],
                new Dictionary<string, string>(), $"{python} -c 'import torch'");
            return output.Trim();
        }
        catch (BenchException e)
        {
            throw new BenchException($"{python} cannot import torch; {install}.\n{e.Message}");
        }
    }

    private static void Progress(string what) => Console.Error.WriteLine($"bench binding: {what}…");
}
