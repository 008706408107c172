using GenCourse.Engine;

namespace GenCourse.Tests.Engine;

/// <summary>
/// The loading fix, on the real libLibTorchSharp.so 0.107.0 from the NuGet cache (untouched there)
/// and on the copy the build patched. Without the fix nothing in this process could load on
/// Debian 12; these check that the patch is exactly the one flag and refuses anything wider.
/// </summary>
public sealed class LibTorchSharpLoadFixTests
{
    private static string? PackageCopy()
    {
        string root = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        string file = Path.Combine(root, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        return File.Exists(file) ? file : null;
    }

    [Fact]
    public void ThePackagesLibraryGetsOneFlagAndNothingElse()
    {
        string? file = PackageCopy();
        if (file is null || !OperatingSystem.IsLinux()) return;   // another OS: no ELF to patch
        byte[] original = File.ReadAllBytes(file);
        byte[] patched = (byte[])original.Clone();

        Assert.Equal(LoadFixOutcome.Patched, LibTorchSharpLoadFix.Weaken(patched, file, out string detail));
        Assert.Contains(LibTorchSharpLoadFix.MarkerSymbol, detail);
        int[] changed = Enumerable.Range(0, original.Length).Where(i => original[i] != patched[i]).ToArray();
        Assert.Single(changed);
        Assert.Equal(0x2, patched[changed[0]] ^ original[changed[0]]);   // VER_FLG_WEAK, in vna_flags
        Assert.Equal(LoadFixOutcome.AlreadyWeak, LibTorchSharpLoadFix.Weaken(patched, file, out _));
    }

    [Fact]
    public void TheBuildOutputCopyIsWeakAndTheCacheIsUntouched()
    {
        string? cache = PackageCopy();
        string output = Path.Combine(Path.GetDirectoryName(typeof(TorchSharp.torch).Assembly.Location)!, "libLibTorchSharp.so");
        if (cache is null || !OperatingSystem.IsLinux() || !File.Exists(output)) return;
        Assert.Equal(LoadFixOutcome.AlreadyWeak, LibTorchSharpLoadFix.Weaken(File.ReadAllBytes(output), output, out _));
        Assert.Equal(LoadFixOutcome.Patched, LibTorchSharpLoadFix.Weaken(File.ReadAllBytes(cache), cache, out _));
    }

    [Fact]
    public void FilesWithoutTheNeedOrNotElfAreToldApart()
    {
        // libtorch's own libraries were built with an older GCC and need no GLIBCXX_3.4.32.
        string torchCpu = Path.Combine(Path.GetDirectoryName(typeof(TorchSharp.torch).Assembly.Location)!, "libc10.so");
        if (OperatingSystem.IsLinux() && File.Exists(torchCpu))
            Assert.Equal(LoadFixOutcome.NotNeeded, LibTorchSharpLoadFix.Weaken(File.ReadAllBytes(torchCpu), torchCpu, out _));
        var e = Assert.Throws<InvalidDataException>(() => LibTorchSharpLoadFix.Weaken("not an ELF file at all, but long enough to have a header......."u8.ToArray(), "x.so", out _));
        Assert.Contains("x.so is not an ELF file", e.Message);
    }

    [Fact]
    public void TorchSharpLoadsAndComputes()
    {
        Assert.StartsWith("2.10", torch.__version__);
        using Tensor a = torch.ones(2, 3), b = torch.ones(3, 5);
        using Tensor c = torch.matmul(a, b);
        Assert.Equal(Enumerable.Repeat(3f, 10), c.ToArray<float>());
    }
}
