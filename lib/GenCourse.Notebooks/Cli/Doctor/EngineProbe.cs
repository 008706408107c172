using GenCourse.Torch;

namespace GenCourse.Notebooks.Cli.Doctor;

/// <summary>
/// The engine's part of the doctor: loads libtorch through the bridge, runs a small matmul,
/// and reports the libtorch, threads, BLAS and CUDA actually in use by this process.
/// </summary>
public static class EngineProbe
{
    public static IReadOnlyList<CheckResult> Run()
    {
        // Read before the bridge loads: GenCourse sets a default natively, which .NET does not see.
        bool policyFromEnvironment = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("OMP_WAIT_POLICY"));
        RuntimeInfo info;
        try
        {
            info = torch.runtime_info();
            using Tensor a = torch.randn(64, 64);
            using Tensor product = torch.matmul(a, a);
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or EntryPointNotFoundException
                                      or BadImageFormatException or TorchException or ArgumentException)
        {
            Exception cause = e.InnerException ?? e;
            string reason = cause.Message.Split('\n')[0];
            if (cause is ArgumentException)
                return [CheckResult.Fail("CPU threads", reason, "Set the variable named above to a whole number of threads (e.g. 2), or unset it; then run `./gencourse doctor` again.")];
            return [CheckResult.Fail("libtorch", $"the bridge did not load: {reason}",
                "Run `./gencourse build` (it installs libtorch-dev, cmake and g++ and builds the bridge); with Torch_DIR set, check it points at a folder holding TorchConfig.cmake.")];
        }

        string maps = BlasProbe.ReadOwnMaps() ?? "";
        return
        [
            Libtorch(info, maps),
            ThreadReport.Describe(info.Threads, info.ThreadSource, Environment.ProcessorCount, info.OmpWaitPolicy, policyFromEnvironment),
            Blas(maps, info.ParallelInfo),
            Cuda(torch.cuda.is_available(), torch.cuda.device_count(), GpuQuery.Names()),
        ];
    }

    public static CheckResult Libtorch(RuntimeInfo info, string maps)
    {
        string? loaded = BlasProbe.MappedFiles(maps).FirstOrDefault(f => Path.GetFileName(f).StartsWith("libtorch_cpu.so", StringComparison.Ordinal));
        string where = string.IsNullOrEmpty(info.TorchDir) ? "" : $", built against {info.TorchDir}";
        string load = loaded is null ? "" : $"; loaded {loaded}";
        return CheckResult.Ok("libtorch", $"{info.TorchVersion}{where}{load}");
    }

    public static CheckResult Blas(string maps, string parallelInfo)
    {
        const string label = "BLAS";
        const string install = "Install OpenBLAS: `sudo apt-get install libopenblas0-pthread` (`./gencourse build` does it as root); if it is installed, select it with `sudo update-alternatives --config libblas.so.3-x86_64-linux-gnu`.";
        BlasLibrary? blas = BlasProbe.Identify(maps, parallelInfo);
        if (blas is null) return CheckResult.Warn(label, "no BLAS library found in this process after a matmul", install);
        string detail = blas.Path is null ? blas.Name : $"{blas.Name}: {blas.Path}";
        return blas.IsReference
            ? CheckResult.Fail(label, detail + " (several times slower than OpenBLAS)", install)
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
            return CheckResult.Warn(label, $"not available to libtorch, though the driver sees {names}: this bridge is built against a CPU libtorch",
                "Point Torch_DIR at a CUDA libtorch (README, \"Using a GPU\"), then run `./gencourse build` and `./gencourse doctor`.");
        return CheckResult.Info(label, "not available (no NVIDIA GPU found); everything runs on the CPU");
    }
}
