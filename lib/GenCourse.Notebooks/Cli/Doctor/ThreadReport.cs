namespace GenCourse.Notebooks.Cli.Doctor;

/// <summary>
/// Describes the CPU thread settings in force: libtorch's intra-op threads
/// (<c>torch.get_num_threads()</c>; one per core unless <c>GENCOURSE_NUM_THREADS</c> or
/// <c>OMP_NUM_THREADS</c> say otherwise) and OpenMP's wait policy, which
/// <see cref="GenCourse.Engine.NativeSettings"/> leaves at libgomp's default (a short spin, then
/// sleep): with libtorch 2.10 + MKL on 2 cores, PASSIVE made a VAE epoch ~2× slower and ACTIVE
/// keeps idle threads spinning.
/// </summary>
public static class ThreadReport
{
    /// <param name="threads">Intra-op threads in use (<c>torch.get_num_threads()</c>).</param>
    /// <param name="source">NativeSettings.ThreadSource: the variable that set them, or "default (one per core)".</param>
    /// <param name="cores">Logical cores the process may use.</param>
    /// <param name="waitPolicy">NativeSettings.WaitPolicy: its default, or e.g. "PASSIVE (from the environment)".</param>
    /// <param name="requested">The count the variable asked for (null: libtorch's default).</param>
    public static CheckResult Describe(int threads, string source, int cores, string waitPolicy, int? requested = null)
    {
        const string label = "CPU threads";
        string count = threads == 1 ? "1 intra-op thread" : $"{threads} intra-op threads";
        string origin = source.StartsWith("default", StringComparison.Ordinal)
            ? $"one per core ({cores} cores; set GENCOURSE_NUM_THREADS to choose)"
            : $"set by {source}";
        string detail = $"{count}, {origin}; OMP_WAIT_POLICY={waitPolicy}";
        string policy = waitPolicy.Split(' ')[0];

        if (requested is int asked && asked != threads)
            return CheckResult.Warn(label, detail + $" (but {source} asked for {asked})",
                $"libtorch was loaded before GenCourse set its threads: touch a GenCourse type (or call GenCourse.Engine.NativeSettings.Apply()) before the first `torch` call, or set OMP_NUM_THREADS={asked} before starting the process.");
        if (threads > 1 && policy.Equals("PASSIVE", StringComparison.OrdinalIgnoreCase))
            return CheckResult.Warn(label, detail,
                "With PASSIVE, every parallel op wakes sleeping threads: a VAE epoch took 5.5 s instead of 2.9–3.8 s on 2 cores. Unset OMP_WAIT_POLICY (libgomp then spins briefly before sleeping).");
        if (threads > 1 && policy.Equals("ACTIVE", StringComparison.OrdinalIgnoreCase))
            return CheckResult.Warn(label, detail,
                "With ACTIVE, idle OpenMP threads never sleep: an idle notebook keeps every core busy. Unset OMP_WAIT_POLICY (libgomp then spins briefly before sleeping).");
        if (threads > cores)
            return CheckResult.Warn(label, detail,
                $"More threads than cores ({cores}) only adds contention: set GENCOURSE_NUM_THREADS={cores} or unset it.");
        return CheckResult.Ok(label, detail);
    }
}
