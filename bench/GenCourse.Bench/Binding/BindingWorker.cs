using System.Diagnostics;
using System.Globalization;
using GenCourse.Torch;

namespace GenCourse.Bench.Binding;

/// <summary>
/// The C# side, run in a child process so that its thread settings (GENCOURSE_NUM_THREADS,
/// OMP_WAIT_POLICY) are in the environment before the bridge loads, exactly as the Python
/// side gets them. Prints one <see cref="CaseTimings"/> line per case.
/// </summary>
public static class BindingWorker
{
    /// <summary><c>--threads N --case NAME:WARMUP:REPS …</c></summary>
    public static int RunCases(int threads, IReadOnlyList<CaseSpec> cases)
    {
        ExpectThreads(threads);
        foreach (CaseSpec spec in cases)
        {
            using BindingCase work = BindingCase.Create(spec.Name);
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
    /// Runs MLP steps and prints the peak RSS (VmHWM) after each count in <paramref name="checkpoints"/>,
    /// with what makes it up: the live native tensor count (flat: no tensor leaks), the managed bytes
    /// allocated so far and the gen-0 collections (garbage the GC has not yet needed to collect
    /// still counts in the RSS), and glibc's in-use and held bytes (held growing while in-use stays
    /// flat is fragmentation).
    /// </summary>
    public static int RunRss(int threads, IReadOnlyList<int> checkpoints)
    {
        ExpectThreads(threads);
        using var mlp = new MlpStepCase();
        int done = 0;
        long allocatedAtStart = GC.GetAllocatedBytesForCurrentThread();
        foreach (int target in checkpoints)
        {
            for (; done < target; ++done) mlp.RunOnce();
            long managedKb = (GC.GetAllocatedBytesForCurrentThread() - allocatedAtStart) / 1024;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"rss steps={done} peak_kb={PeakRss.KiloBytes()} live_tensors={torch.LiveTensorCount} managed_allocated_kb={managedKb} gen0_gcs={GC.CollectionCount(0)} malloc_in_use_kb={MallocStats.InUseKiloBytes()} malloc_held_kb={MallocStats.HeldKiloBytes()}"));
        }
        return 0;
    }

    private static void ExpectThreads(int threads)
    {
        int actual = torch.get_num_threads();
        if (actual != threads)
            throw new BenchException($"the worker runs {actual} intra-op threads but was asked for {threads}; GENCOURSE_NUM_THREADS did not reach the bridge");
    }
}
