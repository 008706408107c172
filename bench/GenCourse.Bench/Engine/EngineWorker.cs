using System.Diagnostics;
using System.Globalization;
using TorchSharp;

namespace GenCourse.Bench.Engine;

/// <summary>
/// The C# side, run in a child process so that its thread settings (GENCOURSE_NUM_THREADS,
/// OMP_NUM_THREADS, OMP_WAIT_POLICY) are in the environment before libtorch loads, exactly as the
/// Python side gets them. Prints one <see cref="CaseTimings"/> line per case.
/// </summary>
public static class EngineWorker
{
    /// <summary>How often (in steps) the RSS worker compares the resident set with its limit.</summary>
    private const int LimitCheckInterval = 25;

    /// <summary><c>--threads N --case NAME:WARMUP:REPS …</c></summary>
    public static int RunCases(int threads, IReadOnlyList<CaseSpec> cases)
    {
        SetThreads(threads);
        foreach (CaseSpec spec in cases)
        {
            using EngineCase work = EngineCase.Create(spec.Name);
            var ms = new double[spec.Reps];
            for (int r = 0; r < spec.Warmup + spec.Reps; ++r)
            {
                long start = Stopwatch.GetTimestamp();
                work.RunOnce();
                double elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                if (r >= spec.Warmup) ms[r - spec.Warmup] = elapsed;
            }
            Console.WriteLine(new CaseTimings(spec.Name, work.Check, ms).Format());
        }
        return 0;
    }

    /// <summary>
    /// Runs training steps of one case and prints the peak RSS (VmHWM) after each count in
    /// <paramref name="checkpoints"/>, with what makes it up: tensors alive in dispose scopes and
    /// tensors created outside any scope and not yet disposed (handles waiting for a finalizer),
    /// the managed bytes allocated so far and the gen-0 collections (garbage the GC has not yet
    /// needed to collect still counts in the RSS), and glibc's in-use and held bytes (held growing
    /// while in-use stays flat is fragmentation). Stops early, saying so, when the resident set
    /// passes <paramref name="limitMb"/>, so that a leak cannot exhaust a shared machine.
    /// </summary>
    public static int RunRss(int threads, string caseName, IReadOnlyList<int> checkpoints, int limitMb)
    {
        SetThreads(threads);
        using EngineCase work = EngineCase.Create(caseName);
        var stepper = work as IStepCase ?? throw new BenchException($"{caseName} has no single training step to repeat");
        int done = 0;
        long allocatedAtStart = GC.GetAllocatedBytesForCurrentThread();
        long start = Stopwatch.GetTimestamp();
        foreach (int target in checkpoints)
        {
            for (; done < target; ++done)
            {
                stepper.Step();
                if ((done + 1) % LimitCheckInterval == 0 && PeakRss.CurrentKiloBytes() > limitMb * 1024L)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"rss stopped steps={done + 1} rss_kb={PeakRss.CurrentKiloBytes()} limit_mb={limitMb}"));
                    Report(done + 1, allocatedAtStart, start);
                    return 0;
                }
            }
            Report(done, allocatedAtStart, start);
        }
        return 0;
    }

    private static void Report(int steps, long allocatedAtStart, long start)
    {
        var stats = DisposeScopeManager.Statistics.TensorStatistics;
        long managedKb = (GC.GetAllocatedBytesForCurrentThread() - allocatedAtStart) / 1024;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"rss steps={steps} peak_kb={PeakRss.KiloBytes()} scoped_live={stats.ThreadTotalLiveCount} unscoped_live={stats.CreatedOutsideScopeCount - stats.DisposedOutsideScopeCount} managed_allocated_kb={managedKb} gen0_gcs={GC.CollectionCount(0)} malloc_in_use_kb={MallocStats.InUseKiloBytes()} malloc_held_kb={MallocStats.HeldKiloBytes()} seconds={Stopwatch.GetElapsedTime(start).TotalSeconds:F1}"));
    }

    /// <summary>
    /// N intra-op threads, as the Python side sets them (<c>torch.set_num_threads(N)</c> on top of
    /// OMP_NUM_THREADS in the environment), and a check that libtorch took them.
    /// </summary>
    private static void SetThreads(int threads)
    {
        torch.set_num_threads(threads);
        int actual = torch.get_num_threads();
        if (actual != threads)
            throw new BenchException($"the worker runs {actual} intra-op threads but was asked for {threads}");
    }
}
