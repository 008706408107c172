using GenCourse.Notebooks.Cli.Doctor;

namespace GenCourse.Notebooks.Tests.Cli.Doctor;

public class DataSetVerifierTests
{
    private static readonly ChecksumList List =
        ChecksumList.Parse($"{Sha256Vectors.Abc}  a.bin\n{Sha256Vectors.Empty}  empty.bin\n", "set.sha256");

    [Fact]
    public void Sha256MatchesTheFipsVector()
    {
        using var dir = new TempDir();
        Assert.Equal(Sha256Vectors.Abc, DataSetVerifier.Sha256Of(dir.Write("a.bin", "abc")));
    }

    [Fact]
    public void CorrectFilesAreVerified()
    {
        using var dir = new TempDir();
        dir.Write("a.bin", "abc");
        dir.Write("empty.bin", "");

        DataSetReport report = DataSetVerifier.Verify(dir.Path, List);

        Assert.True(report.AllVerified);
        Assert.Empty(report.Problems);
    }

    [Fact]
    public void ACorruptedFileIsAMismatchCarryingItsActualDigest()
    {
        using var dir = new TempDir();
        dir.Write("a.bin", "abd"); // one byte off
        dir.Write("empty.bin", "");

        DataSetReport report = DataSetVerifier.Verify(dir.Path, List);

        FileCheck bad = Assert.Single(report.Problems);
        Assert.Equal("a.bin", bad.FileName);
        Assert.Equal(FileOutcome.Mismatch, bad.Outcome);
        Assert.NotEqual(Sha256Vectors.Abc, bad.ActualSha256);
        Assert.True(report.AnyCorrupt);
        Assert.False(report.NothingInstalled);
    }

    [Fact]
    public void AMissingFileIsReportedAsMissing()
    {
        using var dir = new TempDir();
        dir.Write("a.bin", "abc");

        DataSetReport report = DataSetVerifier.Verify(dir.Path, List);

        FileCheck missing = Assert.Single(report.Problems);
        Assert.Equal(("empty.bin", FileOutcome.Missing, (string?)null), (missing.FileName, missing.Outcome, missing.ActualSha256));
        Assert.False(report.AnyCorrupt);
    }

    [Fact]
    public void AnEmptyFolderIsNothingInstalled()
    {
        using var dir = new TempDir();
        Assert.True(DataSetVerifier.Verify(dir.Path, List).NothingInstalled);
    }

    [Fact]
    public void DescribeNamesTheFileAndBothDigests()
    {
        var check = new FileCheck("a.bin", "/d/a.bin", FileOutcome.Mismatch, Sha256Vectors.Abc, Sha256Vectors.Empty);
        string text = DataSetVerifier.Describe(check, "/d/set.sha256", p => p);
        Assert.Equal("/d/a.bin is corrupt: its SHA-256 is e3b0c44298fc…, /d/set.sha256 expects ba7816bf8f01…", text);
    }
}
