using GenCourse.Notebooks.Cli.Doctor;

namespace GenCourse.Notebooks.Cli;

/// <summary>
/// <c>gencourse doctor</c>: what a learner needs to know before training: the TorchSharp and
/// libtorch in use and where they were loaded from, CPU threads and who set them, the OpenMP wait
/// policy and malloc settings, the BLAS, CUDA and the GPU, the data sets verified against their
/// committed SHA-256 lists, and the .NET SDK.
/// Exits 1, with a fix-it sentence per problem, when something required is missing.
/// </summary>
public static class DoctorCommand
{
    public const string Usage = "doctor            check TorchSharp/libtorch, threads, BLAS, CUDA, data sets and the .NET SDK";

    public static int Run(string[] args, TextWriter output)
    {
        if (args is ["--help" or "-h"])
        {
            output.WriteLine("usage: gencourse " + Usage);
            return 0;
        }
        if (args.Length > 0)
        {
            output.WriteLine($"gencourse doctor: unexpected argument '{args[0]}' (it takes none).");
            return 2;
        }
        return Run(DoctorOptions.FromEnvironment(), output);
    }

    public static int Run(DoctorOptions options, TextWriter output)
    {
        IReadOnlyList<CheckResult> results = Collect(options);
        Print(results, output);
        return results.Any(r => r.Status == CheckStatus.Fail) ? 1 : 0;
    }

    public static IReadOnlyList<CheckResult> Collect(DoctorOptions options)
    {
        var results = new List<CheckResult>();
        if (options.CheckEngine) results.AddRange(EngineProbe.Run());
        results.AddRange(options.DataSets().Select(spec => DataSetCheck.Run(spec, options.Show)));
        results.Add(Cifar10Check.Run(Path.Combine(options.DataDir, "cifar10"), options.Show));
        if (options.CheckSdk) results.Add(DotnetSdkProbe.Run());
        return results;
    }

    public static void Print(IReadOnlyList<CheckResult> results, TextWriter output)
    {
        // Columns line up with the system-package line ./gencourse prints above (label width 15).
        int width = Math.Max(15, results.Max(r => r.Label.Length) + 2);
        foreach (CheckResult r in results)
        {
            string mark = r.Status switch
            {
                CheckStatus.Ok => "ok",
                CheckStatus.Info => "--",
                CheckStatus.Warn => "WARN",
                _ => "FAIL",
            };
            output.WriteLine($"  {mark,-5} {r.Label.PadRight(width)}{r.Detail}");
            if (r.FixIt is not null) output.WriteLine($"  {"",-5} {"".PadRight(width)}fix: {r.FixIt}");
        }
        int failures = results.Count(r => r.Status == CheckStatus.Fail);
        int warnings = results.Count(r => r.Status == CheckStatus.Warn);
        output.WriteLine(failures == 0
            ? $"All required checks passed{(warnings > 0 ? $" ({warnings} warning{(warnings == 1 ? "" : "s")})" : "")}."
            : $"{failures} problem{(failures == 1 ? "" : "s")} to fix (see 'fix:' above), then run `./gencourse doctor` again.");
    }
}
