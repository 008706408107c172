using GenCourse.Notebooks.Cli.Doctor;

namespace GenCourse.Notebooks.Tests.Cli.Doctor;

public class DataSetCheckTests
{
    private static DataSetSpec Spec(TempDir dir, params string[] folders) => new(
        "Toy", Path.Combine(dir.Path, "checksums", "toy.sha256"), folders.Select(f => Path.Combine(dir.Path, f)).ToList(),
        InstallFix: "install it", RepairFix: "repair it");

    private static TempDir WithList()
    {
        var dir = new TempDir();
        dir.Write("checksums/toy.sha256", $"{Sha256Vectors.Abc}  a.bin\n{Sha256Vectors.Empty}  b.bin\n");
        return dir;
    }

    [Fact]
    public void AVerifiedSetIsOk()
    {
        using TempDir dir = WithList();
        dir.Write("toy/a.bin", "abc");
        dir.Write("toy/b.bin", "");

        CheckResult result = DataSetCheck.Run(Spec(dir, "toy"), p => p);

        Assert.Equal(CheckStatus.Ok, result.Status);
        Assert.Contains("2 files verified", result.Detail);
        Assert.Null(result.FixIt);
    }

    [Fact]
    public void ACorruptFileFailsNamingTheFileWithTheRepairFix()
    {
        using TempDir dir = WithList();
        string a = dir.Write("toy/a.bin", "abc, but truncated or changed");
        dir.Write("toy/b.bin", "");

        CheckResult result = DataSetCheck.Run(Spec(dir, "toy"), p => p);

        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Contains($"{a} is corrupt", result.Detail);
        Assert.Equal("repair it", result.FixIt);
    }

    [Fact]
    public void AMissingFileFailsNamingTheFileWithTheInstallFix()
    {
        using TempDir dir = WithList();
        dir.Write("toy/a.bin", "abc");

        CheckResult result = DataSetCheck.Run(Spec(dir, "toy"), p => p);

        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Equal($"{Path.Combine(dir.Path, "toy", "b.bin")} is missing", result.Detail);
        Assert.Equal("install it", result.FixIt);
    }

    [Fact]
    public void NothingInstalledFailsListingWhereItLooked()
    {
        using TempDir dir = WithList();
        CheckResult result = DataSetCheck.Run(Spec(dir, "first", "second"), p => Path.GetFileName(p));
        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Equal("not installed (looked in first, second)", result.Detail);
        Assert.Equal("install it", result.FixIt);
    }

    [Fact]
    public void TheFirstFolderHoldingTheSetIsChecked()
    {
        using TempDir dir = WithList();
        dir.Write("second/a.bin", "abc");
        dir.Write("second/b.bin", "");

        CheckResult result = DataSetCheck.Run(Spec(dir, "first", "second"), p => Path.GetFileName(p));

        Assert.Equal(CheckStatus.Ok, result.Status);
        Assert.EndsWith("in second", result.Detail);
    }

    [Fact]
    public void AFolderOfLinksIsVerifiedThroughThemAndShowsTheirTarget()
    {
        using TempDir dir = WithList();
        string a = dir.Write("system/a.bin", "abc");
        string b = dir.Write("system/b.bin", "");
        Directory.CreateDirectory(Path.Combine(dir.Path, "toy"));
        File.CreateSymbolicLink(Path.Combine(dir.Path, "toy", "a.bin"), a);
        File.CreateSymbolicLink(Path.Combine(dir.Path, "toy", "b.bin"), b);

        CheckResult result = DataSetCheck.Run(Spec(dir, "toy", "system"), p => p);

        Assert.Equal(CheckStatus.Ok, result.Status);
        Assert.Contains($"(links to {Path.Combine(dir.Path, "system")})", result.Detail);
    }

    [Fact]
    public void AMissingChecksumListFailsWithARestoreHint()
    {
        using var dir = new TempDir();
        CheckResult result = DataSetCheck.Run(Spec(dir, "toy"), p => p);
        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Contains("toy.sha256", result.Detail);
        Assert.Contains("git checkout", result.FixIt);
    }
}
