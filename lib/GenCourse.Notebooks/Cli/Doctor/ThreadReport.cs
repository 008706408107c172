namespace GenCourse.Notebooks.Cli.Doctor;

/// <summary>
/// Describes the CPU thread settings: libtorch's intra-op threads (one per core unless
/// <c>GENCOURSE_NUM_THREADS</c> or <c>OMP_NUM_THREADS</c> say otherwise) and OpenMP's wait
/// policy, which GenCourse sets to PASSIVE because spinning threads fight OpenBLAS's on few
/// cores (measured 2.7× slower on 2 cores, ARCHITECTURE.md).
/// </summary>
public static class ThreadReport
{
    /// <param name="threads">Intra-op threads in use.</param>
    /// <param name="source">"default" or the variable that set them.</param>
    /// <param name="cores">Logical cores the process may use.</param>
    /// <param name="waitPolicy">The OMP_WAIT_POLICY in force.</param>
    /// <param name="policyFromEnvironment">True when the learner set OMP_WAIT_POLICY, false when GenCourse did.</param>
    public static CheckResult Describe(int threads, string source, int cores, string waitPolicy, bool policyFromEnvironment)
    {
        const string label = "CPU threads";
        string count = threads == 1 ? "1 intra-op thread" : $"{threads} intra-op threads";
        string origin = source == "default"
            ? $"one per core ({cores} cores; set GENCOURSE_NUM_THREADS to choose)"
            : $"set by {source}";
        string policy = $"OMP_WAIT_POLICY={waitPolicy} ({(policyFromEnvironment ? "from your environment" : "GenCourse's default")})";
        string detail = $"{count}, {origin}; {policy}";

        if (threads > 1 && !waitPolicy.Equals("PASSIVE", StringComparison.OrdinalIgnoreCase))
            return CheckResult.Warn(label, detail,
                "With more than one thread, spinning OpenMP threads fight OpenBLAS's and run slower: unset OMP_WAIT_POLICY (GenCourse then uses PASSIVE).");
        if (threads > cores)
            return CheckResult.Warn(label, detail,
                $"More threads than cores ({cores}) only adds contention: set GENCOURSE_NUM_THREADS={cores} or unset it.");
        return CheckResult.Ok(label, detail);
    }
}
