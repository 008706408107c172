using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace GenCourse.Torch.Interop;

/// <summary>
/// Finds and loads the bridge (<c>libgencourse_torch.so</c>) from beside this assembly, so it
/// also works when a notebook loads the DLL with <c>#r</c>, and chooses thread settings
/// before libtorch starts.
/// </summary>
/// <remarks>
/// Measured on the 2-core machines (ARCHITECTURE.md): 2 intra-op threads are fast only with
/// <c>OMP_WAIT_POLICY=PASSIVE</c>; spinning OpenMP threads fight OpenBLAS's and made an MLP
/// epoch 2.7× slower. libgomp reads the variable once, when it loads, and .NET's
/// <see cref="Environment.SetEnvironmentVariable(string, string)"/> does not reach native
/// <c>getenv</c> on Linux, so it is set with libc's <c>setenv</c> before the bridge loads.
/// A learner overrides with <c>OMP_WAIT_POLICY</c> and <c>GENCOURSE_NUM_THREADS</c> (or
/// <c>torch.set_num_threads</c>).
/// </remarks>
internal static unsafe partial class NativeLoader
{
    internal const string FileName = "libgencourse_torch.so";

    /// <summary>Where the bridge was loaded from (null until loaded).</summary>
    internal static string? LoadedFrom { get; private set; }

    /// <summary>The OMP_WAIT_POLICY in force for this process.</summary>
    internal static string WaitPolicy { get; private set; } = "";

    /// <summary>Where the thread count came from: "default" or the variable that set it.</summary>
    internal static string ThreadSource { get; private set; } = "default";

    private static readonly object Gate = new();
    private static IntPtr library;

    // The resolver must be registered before the first P/Invoke, whoever loads this assembly
    // (an app, a test host, or a notebook's #r), hence a module initializer.
#pragma warning disable CA2255
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Register() =>
        NativeLibrary.SetDllImportResolver(typeof(NativeLoader).Assembly, Resolve);

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? path)
    {
        if (name != NativeMethods.Lib) return IntPtr.Zero;
        lock (Gate)
        {
            if (library != IntPtr.Zero) return library;
            PrepareEnvironment();
            string file = Locate();
            library = NativeLibrary.Load(file);
            LoadedFrom = file;
            ApplyThreads(library);
            return library;
        }
    }

    private static string Locate()
    {
        string? overridePath = Environment.GetEnvironmentVariable("GENCOURSE_NATIVE_LIB");
        if (!string.IsNullOrEmpty(overridePath))
        {
            if (File.Exists(overridePath)) return overridePath;
            throw new DllNotFoundException(
                $"GENCOURSE_NATIVE_LIB points at '{overridePath}', which does not exist. Unset it or build the bridge with `./gencourse build`.");
        }
        string dir = Path.GetDirectoryName(typeof(NativeLoader).Assembly.Location) ?? AppContext.BaseDirectory;
        string candidate = Path.Combine(dir, FileName);
        if (File.Exists(candidate)) return candidate;
        candidate = Path.Combine(AppContext.BaseDirectory, FileName);
        if (File.Exists(candidate)) return candidate;
        throw new DllNotFoundException(
            $"The GenCourse bridge {FileName} was not found beside GenCourse.Torch.dll in '{dir}'. " +
            "Build it with `./gencourse build` (it needs libtorch-dev, cmake and g++; `./gencourse doctor` checks them).");
    }

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int setenv(string name, string value, int overwrite);

    private static void PrepareEnvironment()
    {
        string? policy = Environment.GetEnvironmentVariable("OMP_WAIT_POLICY");
        if (string.IsNullOrEmpty(policy))
        {
            policy = "PASSIVE";
            setenv("OMP_WAIT_POLICY", policy, 0);
        }
        WaitPolicy = policy;
        MallocSettings.Apply();
    }

    private static void ApplyThreads(IntPtr lib)
    {
        int threads = Environment.ProcessorCount;
        foreach (string variable in new[] { "GENCOURSE_NUM_THREADS", "OMP_NUM_THREADS" })
        {
            string? text = Environment.GetEnvironmentVariable(variable);
            if (string.IsNullOrEmpty(text)) continue;
            if (!int.TryParse(text, out threads) || threads < 1)
                throw new ArgumentException($"{variable}='{text}' is not a positive whole number of threads; set it to e.g. 2, or unset it.");
            ThreadSource = variable;
            break;
        }
        var set = (delegate* unmanaged<int, int>)NativeLibrary.GetExport(lib, "gc_set_num_threads");
        set(threads);
    }
}
