using System.Reflection;
using GenCourse.Engine;
using TorchSharp;
using static TorchSharp.torch;

namespace GenCourse.Notebooks.Cli.Doctor;

/// <summary>
/// The engine's part of the doctor: loads TorchSharp's libtorch in this process, runs a small
/// matmul, and reports what is really in use: the TorchSharp and libtorch versions, where
/// <c>libLibTorchSharp.so</c> came from and whether its GLIBCXX_3.4.32 need is weak
/// (<see cref="LibTorchSharpLoadFix"/>), the CPU threads and who set them (<see cref="NativeSettings"/>),
/// the malloc settings, the BLAS (MKL, linked into libtorch) and CUDA. The engine needs no system package.
/// </summary>
public static class EngineProbe
{
    private const string Rebuild = "Run `./gencourse build`: it restores TorchSharp and libtorch from NuGet and marks libLibTorchSharp.so's GLIBCXX_3.4.32 need weak in the build output; then run `./gencourse doctor` again.";

    public static IReadOnlyList<CheckResult> Run()
    {
        var results = new List<CheckResult> { TorchSharpVersion(typeof(torch).Assembly) };
        try
        {
            // Before libtorch loads: libgomp reads OMP_* once, when it loads (NativeSettings explains).
            NativeSettings.Apply();
        }
        catch (ArgumentException e)
        {
            results.Add(CheckResult.Fail("CPU threads", e.Message, "Set the variable named above to a whole number of threads (e.g. 2), or unset it; then run `./gencourse doctor` again."));
            return results;
        }
        string besideTorchSharp = Path.Combine(Path.GetDirectoryName(typeof(torch).Assembly.Location) ?? "", "libLibTorchSharp.so");
        try
        {
            using Tensor a = torch.randn(64, 64);
            using Tensor product = torch.matmul(a, a);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            bool present = File.Exists(besideTorchSharp);
            results.Add(LoadFailure(e, present ? besideTorchSharp : null, present ? TryNeedOf(besideTorchSharp) : null));
            return results;
        }

        string maps = BlasProbe.ReadOwnMaps() ?? "";
        IReadOnlyList<string> mapped = BlasProbe.MappedFiles(maps);
        string? libtorch = mapped.FirstOrDefault(f => Path.GetFileName(f).StartsWith("libtorch_cpu.", StringComparison.Ordinal));
        string? libTorchSharp = mapped.FirstOrDefault(f => Path.GetFileName(f).StartsWith("libLibTorchSharp.", StringComparison.Ordinal));
        results.Add(Libtorch(torch.__version__, libtorch));
        if (OperatingSystem.IsLinux()) results.Add(LibTorchSharp(libTorchSharp, libTorchSharp is null ? null : NeedOf(libTorchSharp)));
        results.Add(ThreadReport.Describe(torch.get_num_threads(), NativeSettings.ThreadSource, Environment.ProcessorCount,
            NativeSettings.WaitPolicy, NativeSettings.RequestedThreads));
        results.Add(CheckResult.Info("malloc", NativeSettings.Malloc));
        results.Add(Blas(maps, libtorch is null ? null : MklVersion.Read(libtorch)));
        results.Add(Cuda(torch.cuda.is_available(), torch.cuda.is_available() ? torch.cuda.device_count() : 0, GpuQuery.Names()));
        return results;
    }

    /// <summary>The managed TorchSharp assembly this process uses, and where it lives.</summary>
    public static CheckResult TorchSharpVersion(Assembly torchSharp)
    {
        string? informational = torchSharp.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        string version = informational?.Split('+')[0] ?? torchSharp.GetName().Version?.ToString() ?? "unknown version";
        return CheckResult.Ok("TorchSharp", $"{version}: {torchSharp.Location}");
    }

    /// <param name="version">torch.__version__ (the libtorch package TorchSharp was built for).</param>
    /// <param name="loaded">The libtorch_cpu library mapped into this process, if found.</param>
    public static CheckResult Libtorch(string version, string? loaded) =>
        CheckResult.Ok("libtorch", loaded is null ? version : $"{version}; loaded {loaded}");

    /// <summary>Whether <paramref name="path"/> needs GLIBCXX_3.4.32, and how (the file is only read).</summary>
    public static LoadFixOutcome NeedOf(string path) =>
        LibTorchSharpLoadFix.Weaken(File.ReadAllBytes(path), path, out _);

    /// <param name="loaded">libLibTorchSharp.so as mapped into this process (null: not found in the map).</param>
    /// <param name="need">What <see cref="LibTorchSharpLoadFix.Weaken"/> would do to that file.</param>
    public static CheckResult LibTorchSharp(string? loaded, LoadFixOutcome? need)
    {
        const string label = "LibTorchSharp";
        if (loaded is null) return CheckResult.Info(label, "libLibTorchSharp.so not found in this process's memory map");
        return need switch
        {
            LoadFixOutcome.AlreadyWeak => CheckResult.Ok(label, $"{loaded}; its {LibTorchSharpLoadFix.NeededVersion} need is weak (marked by the build)"),
            LoadFixOutcome.NotNeeded => CheckResult.Ok(label, $"{loaded}; needs no {LibTorchSharpLoadFix.NeededVersion}"),
            LoadFixOutcome.Patched => CheckResult.Ok(label, $"{loaded}; its {LibTorchSharpLoadFix.NeededVersion} need is strong, and this system's libstdc++ has it"),
            _ => CheckResult.Warn(label, $"{loaded}; symbols besides {LibTorchSharpLoadFix.MarkerSymbol} need {LibTorchSharpLoadFix.NeededVersion}",
                "This TorchSharp build needs a newer libstdc++ (GCC 13) than the build can work around: use TorchSharp 0.107.0 as Directory.Packages.props pins it, then `./gencourse build`."),
        };
    }

    /// <summary>The doctor's line when TorchSharp could not load libtorch.</summary>
    /// <param name="e">What the first tensor operation threw.</param>
    /// <param name="besideTorchSharp">libLibTorchSharp.so next to TorchSharp.dll, if there is one.</param>
    /// <param name="need">What <see cref="LibTorchSharpLoadFix.Weaken"/> would do to that file (null: not read).</param>
    public static CheckResult LoadFailure(Exception e, string? besideTorchSharp, LoadFixOutcome? need)
    {
        Exception cause = e is TypeInitializationException { InnerException: { } inner } ? inner : e;
        string reason = $"TorchSharp did not load libtorch: {cause.Message.Split('\n')[0].Trim()}";
        const string label = "libtorch";
        if (besideTorchSharp is null)
            return CheckResult.Fail(label, $"{reason} (no libLibTorchSharp.so beside TorchSharp.dll)", Rebuild);
        if (need == LoadFixOutcome.Patched)
            return CheckResult.Fail(label, $"{reason}; {besideTorchSharp} still needs {LibTorchSharpLoadFix.NeededVersion}, which this system's libstdc++ may lack",
                "Build with `./gencourse build` (not a copy from elsewhere): the build marks that need weak in its own output; then run `./gencourse doctor` again.");
        return CheckResult.Fail(label, reason, $"{Rebuild} If it still fails, `ldd {besideTorchSharp}` names the missing library.");
    }

    private static LoadFixOutcome? TryNeedOf(string path)
    {
        try
        {
            return NeedOf(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return null;
        }
    }

    /// <param name="maps">This process's memory map.</param>
    /// <param name="mklVersion">MKL's version string read from libtorch (null: none).</param>
    public static CheckResult Blas(string maps, string? mklVersion)
    {
        const string label = "BLAS";
        const string rebuild = "Use the libtorch that TorchSharp brings (it links Intel MKL): `./gencourse build`, and no LD_LIBRARY_PATH or LD_PRELOAD pointing at another BLAS.";
        BlasLibrary? blas = BlasProbe.Identify(maps, mklVersion ?? "");
        if (blas is null) return CheckResult.Warn(label, "no BLAS found in this process after a matmul, and libtorch reports no MKL", rebuild);
        string detail = blas.Path is null ? blas.Name : $"{blas.Name}: {blas.Path}";
        return blas.IsReference
            ? CheckResult.Fail(label, detail + " (several times slower than MKL or OpenBLAS)", rebuild)
            : CheckResult.Ok(label, detail);
    }

    /// <param name="available">torch.cuda.is_available().</param>
    /// <param name="deviceCount">torch.cuda.device_count().</param>
    /// <param name="gpuNames">What nvidia-smi lists, null without an NVIDIA driver.</param>
    public static CheckResult Cuda(bool available, int deviceCount, IReadOnlyList<string>? gpuNames)
    {
        const string label = "CUDA";
        string names = gpuNames is { Count: > 0 } ? string.Join(", ", gpuNames) : "name unknown (nvidia-smi not found)";
        if (available)
            return CheckResult.Ok(label, $"available: {deviceCount} GPU{(deviceCount == 1 ? "" : "s")} ({names}); use torch.device(\"cuda\")");
        if (gpuNames is { Count: > 0 })
            return CheckResult.Warn(label, $"not available to libtorch, though the driver sees {names}: this build uses TorchSharp's CPU libtorch",
                "Build with TorchSharp's CUDA packages: `GENCOURSE_TORCH=cuda ./gencourse build` (README, \"Using a GPU\"), then `./gencourse doctor`.");
        return CheckResult.Info(label, "not available (no NVIDIA GPU found); everything runs on the CPU");
    }
}
