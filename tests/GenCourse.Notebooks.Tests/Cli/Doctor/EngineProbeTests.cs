using GenCourse.Engine;
using GenCourse.Notebooks.Cli.Doctor;

namespace GenCourse.Notebooks.Tests.Cli.Doctor;

public class EngineProbeTests
{
    [Fact]
    public void ReportsTorchSharpLibtorchThreadsMallocBlasAndCudaOfThisProcess()
    {
        IReadOnlyList<CheckResult> results = EngineProbe.Run();

        string[] labels = OperatingSystem.IsLinux()
            ? ["TorchSharp", "libtorch", "LibTorchSharp", "CPU threads", "malloc", "BLAS", "CUDA"]
            : ["TorchSharp", "libtorch", "CPU threads", "malloc", "BLAS", "CUDA"];
        Assert.Equal(labels, results.Select(r => r.Label));
        CheckResult Line(string label) => results.Single(r => r.Label == label);
        Assert.StartsWith("0.107.0: ", Line("TorchSharp").Detail);
        Assert.Equal(CheckStatus.Ok, Line("libtorch").Status);
        Assert.StartsWith(torch.__version__ + "; loaded ", Line("libtorch").Detail);
        Assert.Contains("libtorch_cpu.so", Line("libtorch").Detail);
        if (OperatingSystem.IsLinux())
        {
            Assert.Equal(CheckStatus.Ok, Line("LibTorchSharp").Status);
            Assert.Contains("libLibTorchSharp.so; ", Line("LibTorchSharp").Detail);
        }
        int threads = torch.get_num_threads();
        Assert.StartsWith(threads == 1 ? "1 intra-op thread," : $"{threads} intra-op threads,", Line("CPU threads").Detail);
        Assert.EndsWith("OMP_WAIT_POLICY=" + NativeSettings.WaitPolicy, Line("CPU threads").Detail);
        Assert.Equal(NativeSettings.Malloc, Line("malloc").Detail);
        Assert.Equal(CheckStatus.Ok, Line("BLAS").Status);
        Assert.Contains("Math Kernel Library", Line("BLAS").Detail);   // TorchSharp's libtorch links MKL
        Assert.Equal(torch.cuda.is_available(), Line("CUDA").Status == CheckStatus.Ok);
    }

    [Fact]
    public void TheLoadedLibtorchIsNamed()
    {
        CheckResult r = EngineProbe.Libtorch("2.10.0.0", "/repo/artifacts/bin/GenCourse/Debug/libtorch_cpu.so");
        Assert.Equal("2.10.0.0; loaded /repo/artifacts/bin/GenCourse/Debug/libtorch_cpu.so", r.Detail);
    }

    [Fact]
    public void TheLibTorchSharpLineSaysHowItsGlibcxxNeedStands()
    {
        const string so = "/b/libLibTorchSharp.so";
        Assert.Equal($"{so}; its GLIBCXX_3.4.32 need is weak (marked by the build)", EngineProbe.LibTorchSharp(so, LoadFixOutcome.AlreadyWeak).Detail);
        Assert.Equal(CheckStatus.Ok, EngineProbe.LibTorchSharp(so, LoadFixOutcome.Patched).Status);
        Assert.Equal(CheckStatus.Ok, EngineProbe.LibTorchSharp(so, LoadFixOutcome.NotNeeded).Status);
        CheckResult refused = EngineProbe.LibTorchSharp(so, LoadFixOutcome.Refused);
        Assert.Equal(CheckStatus.Warn, refused.Status);
        Assert.NotNull(refused.FixIt);
    }

    [Fact]
    public void TheLibTorchSharpOfThisProcessHasNoStrongGlibcxxNeed()
    {
        if (!OperatingSystem.IsLinux()) return;
        string so = Path.Combine(Path.GetDirectoryName(typeof(torch).Assembly.Location)!, "libLibTorchSharp.so");
        Assert.NotEqual(LoadFixOutcome.Patched, EngineProbe.NeedOf(so));   // the build weakened it (or it needs none)
    }

    [Fact]
    public void AFailedLoadWithAStrongNeedSaysToBuildWithTheCourse()
    {
        var e = new TypeInitializationException("TorchSharp.torch", new NotSupportedException("The libtorch-cpu-linux-x64 package version 2.10.0.0 is not restored on this system.\nTrace…"));
        CheckResult r = EngineProbe.LoadFailure(e, "/copy/libLibTorchSharp.so", LoadFixOutcome.Patched);
        Assert.Equal(CheckStatus.Fail, r.Status);
        Assert.Equal("libtorch", r.Label);
        Assert.StartsWith("TorchSharp did not load libtorch: The libtorch-cpu-linux-x64 package version 2.10.0.0 is not restored on this system.;", r.Detail);
        Assert.DoesNotContain("Trace", r.Detail);
        Assert.Contains("/copy/libLibTorchSharp.so still needs GLIBCXX_3.4.32", r.Detail);
        Assert.Contains("./gencourse build", r.FixIt);
    }

    [Fact]
    public void AFailedLoadWithAWeakNeedNamesLdd()
    {
        CheckResult r = EngineProbe.LoadFailure(new DllNotFoundException("libgomp.so.1: cannot open"), "/b/libLibTorchSharp.so", LoadFixOutcome.AlreadyWeak);
        Assert.Equal("TorchSharp did not load libtorch: libgomp.so.1: cannot open", r.Detail);
        Assert.Contains("`ldd /b/libLibTorchSharp.so`", r.FixIt);
    }

    [Fact]
    public void AFailedLoadWithoutTheNativeLibrarySaysToBuild()
    {
        CheckResult r = EngineProbe.LoadFailure(new DllNotFoundException("libLibTorchSharp.so: cannot open shared object file"), null, null);
        Assert.Equal(CheckStatus.Fail, r.Status);
        Assert.Contains("no libLibTorchSharp.so beside TorchSharp.dll", r.Detail);
        Assert.Contains("./gencourse build", r.FixIt);
        Assert.DoesNotContain("apt-get", r.FixIt);
    }

    [Fact]
    public void MklLinkedIntoLibtorchIsTheBlas()
    {
        const string mkl = "Intel(R) oneAPI Math Kernel Library Version 2024.2-Product Build 20240605 for Intel(R) 64 architecture applications";
        CheckResult r = EngineProbe.Blas("", mkl);
        Assert.Equal(CheckStatus.Ok, r.Status);
        Assert.Equal(mkl + " (linked into libtorch)", r.Detail);
    }

    [Fact]
    public void TheReferenceBlasFailsWithAFix()
    {
        string maps = "7f0000000000-7f0000100000 r-xp 00000000 08:01 42  /usr/lib/x86_64-linux-gnu/blas/libblas.so.3\n";
        CheckResult r = EngineProbe.Blas(maps, null);
        Assert.Equal(CheckStatus.Fail, r.Status);
        Assert.Contains("./gencourse build", r.FixIt);
    }

    [Fact]
    public void NoBlasAtAllWarns() =>
        Assert.Equal(CheckStatus.Warn, EngineProbe.Blas("", null).Status);

    [Fact]
    public void CudaAvailableNamesTheGpus()
    {
        CheckResult r = EngineProbe.Cuda(true, 1, ["NVIDIA H100 80GB HBM3"]);
        Assert.Equal(CheckStatus.Ok, r.Status);
        Assert.Equal("available: 1 GPU (NVIDIA H100 80GB HBM3); use torch.device(\"cuda\")", r.Detail);
    }

    [Fact]
    public void AGpuThatLibtorchCannotUseWarnsToBuildWithTheCudaPackages()
    {
        CheckResult r = EngineProbe.Cuda(false, 0, ["NVIDIA A100-SXM4-40GB"]);
        Assert.Equal(CheckStatus.Warn, r.Status);
        Assert.Contains("NVIDIA A100-SXM4-40GB", r.Detail);
        Assert.Contains("GENCOURSE_TORCH=cuda ./gencourse build", r.FixIt);
    }

    [Fact]
    public void NoGpuIsOnlyInformation() =>
        Assert.Equal(CheckStatus.Info, EngineProbe.Cuda(false, 0, null).Status);
}
