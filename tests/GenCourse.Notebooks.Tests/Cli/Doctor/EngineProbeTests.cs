using GenCourse.Notebooks.Cli.Doctor;

namespace GenCourse.Notebooks.Tests.Cli.Doctor;

public class EngineProbeTests
{
    [Fact]
    public void ReportsTheLibtorchThreadsBlasAndCudaOfThisProcess()
    {
        IReadOnlyList<CheckResult> results = EngineProbe.Run();

        Assert.Equal(new[] { "libtorch", "CPU threads", "BLAS", "CUDA" }, results.Select(r => r.Label));
        Assert.Equal(CheckStatus.Ok, results[0].Status);
        Assert.StartsWith(torch.__version__ + ", built against ", results[0].Detail);
        Assert.Contains("libtorch_cpu.so", results[0].Detail);
        int threads = torch.get_num_threads();
        Assert.StartsWith(threads == 1 ? "1 intra-op thread," : $"{threads} intra-op threads,", results[1].Detail);
        Assert.Equal(torch.cuda.is_available(), results[3].Status == CheckStatus.Ok);
    }

    [Fact]
    public void TheLoadedLibtorchIsReadFromTheMap()
    {
        var info = new RuntimeInfo("1.13.0", "/usr/lib/x86_64-linux-gnu/cmake/Torch", "/b/libgencourse_torch.so", 2, "default", "PASSIVE", "");
        string maps = "7f0000000000-7f0000100000 r-xp 00000000 08:01 42  /usr/lib/x86_64-linux-gnu/libtorch_cpu.so.1.13.0\n";
        CheckResult r = EngineProbe.Libtorch(info, maps);
        Assert.Equal("1.13.0, built against /usr/lib/x86_64-linux-gnu/cmake/Torch; loaded /usr/lib/x86_64-linux-gnu/libtorch_cpu.so.1.13.0", r.Detail);
    }

    [Fact]
    public void TheReferenceBlasFailsWithTheInstallCommand()
    {
        string maps = "7f0000000000-7f0000100000 r-xp 00000000 08:01 42  /usr/lib/x86_64-linux-gnu/blas/libblas.so.3\n";
        CheckResult r = EngineProbe.Blas(maps, "");
        Assert.Equal(CheckStatus.Fail, r.Status);
        Assert.Contains("sudo apt-get install libopenblas0-pthread", r.FixIt);
    }

    [Fact]
    public void CudaAvailableNamesTheGpus()
    {
        CheckResult r = EngineProbe.Cuda(true, 1, ["NVIDIA H100 80GB HBM3"]);
        Assert.Equal(CheckStatus.Ok, r.Status);
        Assert.Equal("available: 1 GPU (NVIDIA H100 80GB HBM3); use torch.device(\"cuda\")", r.Detail);
    }

    [Fact]
    public void AGpuThatLibtorchCannotUseWarnsToPointTorchDirAtACudaBuild()
    {
        CheckResult r = EngineProbe.Cuda(false, 0, ["NVIDIA A100-SXM4-40GB"]);
        Assert.Equal(CheckStatus.Warn, r.Status);
        Assert.Contains("NVIDIA A100-SXM4-40GB", r.Detail);
        Assert.Contains("Torch_DIR", r.FixIt);
    }

    [Fact]
    public void NoGpuIsOnlyInformation() =>
        Assert.Equal(CheckStatus.Info, EngineProbe.Cuda(false, 0, null).Status);
}
