using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace GenCourse.Engine;

/// <summary>
/// Thread and allocator settings that must reach libtorch before it loads, in every host: an
/// app, the test host, the bench, a notebook kernel that has run <c>#r "…/GenCourse.dll"</c>.
/// <para>
/// TorchSharp loads libtorch (and its libgomp) on first use of <c>torch</c>. libgomp reads
/// <c>OMP_NUM_THREADS</c> (and MKL <c>MKL_NUM_THREADS</c>) once, when it loads, from the C library's
/// environment, which .NET's <see cref="Environment.SetEnvironmentVariable(string, string)"/> does
/// not reach on Linux and macOS: so these are set with libc's <c>setenv</c>, from a module
/// initializer that runs when any GenCourse type is first used. A notebook or program that calls
/// <c>torch</c> before touching GenCourse can call <see cref="Apply"/> first.
/// </para>
/// <para>
/// The wait policy is left to libgomp's default (a short spin, then sleep): measured on 2 cores
/// with libtorch 2.10 + MKL it is about 2× faster than <c>PASSIVE</c>, which the bridge used
/// (with libtorch 1.13 + OpenBLAS, spinning was 2.7× slower). <c>GENCOURSE_NUM_THREADS</c> sets the
/// intra-op threads (as <c>OMP_NUM_THREADS</c> and <c>MKL_NUM_THREADS</c>); unset, libtorch uses
/// one per core. glibc's malloc gets the trim and mmap thresholds of
/// <see cref="MallocSettings"/>. A learner's own variables always win.
/// </para>
/// </summary>
public static partial class NativeSettings
{
    private static readonly object Gate = new();
    private static bool applied;

    /// <summary><see cref="WaitPolicy"/> when the learner set none.</summary>
    public const string DefaultWaitPolicy = "default (libgomp spins briefly, then sleeps)";

    /// <summary>The OMP_WAIT_POLICY in force and who chose it.</summary>
    public static string WaitPolicy { get; private set; } = "";

    /// <summary>Where the thread count comes from: "GENCOURSE_NUM_THREADS", "OMP_NUM_THREADS" or "default (one per core)".</summary>
    public static string ThreadSource { get; private set; } = "";

    /// <summary>The thread count asked for by a variable, or null for libtorch's default.</summary>
    public static int? RequestedThreads { get; private set; }

    /// <summary>Whether glibc's malloc thresholds were set, and if not why.</summary>
    public static string Malloc { get; private set; } = "";

#pragma warning disable CA2255 // a library's module initializer is the point: it runs before any GenCourse code.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void OnLoad() => Apply();

    /// <summary>Sets the variables (once per process); later calls do nothing.</summary>
    public static void Apply()
    {
        lock (Gate)
        {
            if (applied) return;
            applied = true;
            // libtorch 2.10's MKL runs on libtorch's own libgomp, so its threads no longer fight a
            // second pool (as OpenBLAS's did under libtorch 1.13): libgomp's default, a short spin
            // (GOMP_SPINCOUNT 300,000) and then sleep, is fastest. Measured, VAE epoch at 2 threads:
            // 2.9–3.8 s by default, 5.5–5.7 s with PASSIVE (no spin), 3.0–3.1 s with ACTIVE (which also keeps
            // idle threads spinning at 100% CPU). So nothing is set; a learner's choice is reported.
            string? policy = Environment.GetEnvironmentVariable("OMP_WAIT_POLICY");
            WaitPolicy = string.IsNullOrEmpty(policy)
                ? DefaultWaitPolicy
                : $"{policy} (from the environment)";
            ThreadSource = "default (one per core)";
            foreach (string variable in new[] { "GENCOURSE_NUM_THREADS", "OMP_NUM_THREADS" })
            {
                string? text = Environment.GetEnvironmentVariable(variable);
                if (string.IsNullOrEmpty(text)) continue;
                if (!int.TryParse(text, out int threads) || threads < 1)
                    throw new ArgumentException($"{variable}='{text}' is not a positive whole number of threads; set it to e.g. 2, or unset it.");
                ThreadSource = variable;
                RequestedThreads = threads;
                SetNative("OMP_NUM_THREADS", text);
                SetNative("MKL_NUM_THREADS", text);
                break;
            }
            Malloc = MallocSettings.Apply();
        }
    }

    /// <summary>Sets a variable for .NET and for native code (libc's environment).</summary>
    private static void SetNative(string name, string value)
    {
        Environment.SetEnvironmentVariable(name, value);
        if (OperatingSystem.IsWindows()) return;   // .NET writes the process environment the CRT reads there
        try
        {
            setenv(name, value, 1);
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            // No libc setenv: the .NET variable is all we can set.
        }
    }

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int setenv(string name, string value, int overwrite);
}

/// <summary>
/// glibc malloc settings chosen before libtorch allocates: buffers up to 32 MiB come from the
/// heap, and up to 1 GiB of freed heap is kept for reuse rather than returned to the kernel.
/// </summary>
/// <remarks>
/// With glibc's defaults, a training step's buffers go back to the kernel when the step's dispose
/// scope frees them together, and are faulted in again page by page on the next step (measured
/// with TorchSharp: ~7,700 page faults per conv step). 32 MiB is the largest mmap threshold glibc
/// accepts. Like a caching allocator, the process keeps what it has used (up to 1 GiB of free
/// heap). A learner's <c>MALLOC_MMAP_THRESHOLD_</c>, <c>MALLOC_TRIM_THRESHOLD_</c>,
/// <c>MALLOC_TOP_PAD_</c> or <c>GLIBC_TUNABLES</c> wins: then nothing is changed.
/// </remarks>
public static partial class MallocSettings
{
    /// <summary>Largest block served from the heap rather than by its own mapping.</summary>
    public const int MmapThreshold = 32 << 20;

    /// <summary>Free heap kept before glibc returns memory to the kernel.</summary>
    public const int TrimThreshold = 1 << 30;

    private const int M_TRIM_THRESHOLD = -1;   // malloc.h
    private const int M_MMAP_THRESHOLD = -3;

    private static readonly string[] UserVariables =
        ["MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_", "MALLOC_TOP_PAD_", "GLIBC_TUNABLES"];

    /// <summary>Applies the thresholds; returns what was done, for <c>doctor</c>.</summary>
    internal static string Apply()
    {
        if (!OperatingSystem.IsLinux()) return "not Linux: the system allocator's defaults";
        string? user = UserVariables.FirstOrDefault(v => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(v)));
        if (user is not null) return $"left alone ({user} is set)";
        if (Environment.GetEnvironmentVariable("GENCOURSE_MALLOC") == "default") return "glibc's defaults (GENCOURSE_MALLOC=default)";
        try
        {
            // A libc that ignores a setting (musl's mallopt is a stub) keeps its defaults.
            mallopt(M_MMAP_THRESHOLD, MmapThreshold);
            mallopt(M_TRIM_THRESHOLD, TrimThreshold);
            return "mmap threshold 32 MiB, trim threshold 1 GiB (set by GenCourse)";
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return "this libc has no mallopt: its defaults";
        }
    }

    [LibraryImport("libc")]
    private static partial int mallopt(int param, int value);
}
