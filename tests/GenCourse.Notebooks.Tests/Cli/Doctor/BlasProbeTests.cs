using GenCourse.Notebooks.Cli.Doctor;

namespace GenCourse.Notebooks.Tests.Cli.Doctor;

public class BlasProbeTests
{
    private static string Maps(params string[] paths) => string.Join("\n",
        new[] { "55d0c0a00000-55d0c0a21000 rw-p 00000000 00:00 0                          [heap]",
                "7ffd4b9e0000-7ffd4ba01000 rw-p 00000000 00:00 0" }
        .Concat(paths.Select((p, i) => $"7f{i:x4}00000000-7f{i:x4}00100000 r-xp 00000000 08:01 {1000 + i}                    {p}"))) + "\n";

    [Fact]
    public void MappedFilesAreTheAbsolutePathsOnce()
    {
        string maps = Maps("/usr/lib/libc.so.6", "/usr/lib/libc.so.6", "/opt/my dir/libx.so");
        Assert.Equal(new[] { "/usr/lib/libc.so.6", "/opt/my dir/libx.so" }, BlasProbe.MappedFiles(maps));
    }

    [Fact]
    public void DebianOpenBlasPthreadIsRecognisedWithItsVersion()
    {
        string maps = Maps("/usr/lib/x86_64-linux-gnu/libtorch_cpu.so.1.13.0",
                           "/usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3",
                           "/usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblasp-r0.3.21.so");
        BlasLibrary? blas = BlasProbe.Identify(maps);
        Assert.Equal(new BlasLibrary("OpenBLAS 0.3.21 (pthread)", "/usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblasp-r0.3.21.so", false), blas);
    }

    [Fact]
    public void OpenBlasOpenMpIsTold()
    {
        BlasLibrary? blas = BlasProbe.Identify(Maps("/usr/lib/x86_64-linux-gnu/openblas-openmp/libopenblaso-r0.3.21.so"));
        Assert.Equal("OpenBLAS 0.3.21 (OpenMP)", blas?.Name);
    }

    [Fact]
    public void TheReferenceBlasIsFlagged()
    {
        BlasLibrary? blas = BlasProbe.Identify(Maps("/usr/lib/x86_64-linux-gnu/blas/libblas.so.3.11.0"));
        Assert.NotNull(blas);
        Assert.True(blas.IsReference);
        Assert.Equal("/usr/lib/x86_64-linux-gnu/blas/libblas.so.3.11.0", blas.Path);
    }

    [Fact]
    public void MklLinkedIntoLibtorchIsReadFromItsVersionString()
    {
        const string mkl = "Intel(R) oneAPI Math Kernel Library Version 2024.2-Product Build 20240605 for Intel(R) 64 architecture applications";
        BlasLibrary? blas = BlasProbe.Identify(Maps("/repo/artifacts/bin/GenCourse/Debug/libtorch_cpu.so"), mkl);
        Assert.Equal(new BlasLibrary(mkl + " (linked into libtorch)", null, false), blas);
    }

    [Fact]
    public void TheMklOfThisProcesssLibtorchIsRead()
    {
        using Tensor a = torch.ones(2, 2);   // loads libtorch
        string? maps = BlasProbe.ReadOwnMaps();
        if (maps is null) return; // not Linux
        string libtorch = BlasProbe.MappedFiles(maps).First(f => Path.GetFileName(f).StartsWith("libtorch_cpu.", StringComparison.Ordinal));
        Assert.StartsWith("Intel(R) oneAPI Math Kernel Library Version ", MklVersion.Read(libtorch));
    }

    [Fact]
    public void NoBlasAtAllIsNull() =>
        Assert.Null(BlasProbe.Identify(Maps("/usr/lib/libc.so.6"), "MKL not found\n"));

    [Fact]
    public void ThisProcessHasAReadableMap()
    {
        string? maps = BlasProbe.ReadOwnMaps();
        if (maps is null) return; // not Linux: nothing to read
        Assert.Contains(BlasProbe.MappedFiles(maps), f => Path.GetFileName(f).StartsWith("libcoreclr", StringComparison.Ordinal));
    }
}
