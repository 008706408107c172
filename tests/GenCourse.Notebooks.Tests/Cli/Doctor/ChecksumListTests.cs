using GenCourse.Notebooks.Cli.Doctor;

namespace GenCourse.Notebooks.Tests.Cli.Doctor;

public class ChecksumListTests
{
    [Fact]
    public void ParsesTextAndBinaryModeLinesSkippingCommentsAndBlanks()
    {
        string text = $"# MNIST\n{Sha256Vectors.Abc}  train-images-idx3-ubyte\r\n\n{Sha256Vectors.Empty.ToUpperInvariant()} *t10k-labels-idx1-ubyte\n";
        ChecksumList list = ChecksumList.Parse(text, "mnist.sha256");

        Assert.Equal(2, list.Entries.Count);
        Assert.Equal(new ChecksumEntry("train-images-idx3-ubyte", Sha256Vectors.Abc), list.Entries[0]);
        // Digests are compared lower-case whatever case the list used.
        Assert.Equal(new ChecksumEntry("t10k-labels-idx1-ubyte", Sha256Vectors.Empty), list.Entries[1]);
    }

    [Fact]
    public void ABadLineIsAnErrorNamingTheSourceAndLine()
    {
        var e = Assert.Throws<FormatException>(() => ChecksumList.Parse($"{Sha256Vectors.Abc}  a\nabc123  b\n", "x.sha256"));
        Assert.Contains("x.sha256, line 2", e.Message);
    }

    [Fact]
    public void ARepeatedNameOrAPathIsRejected()
    {
        Assert.Contains("listed twice", Assert.Throws<FormatException>(() =>
            ChecksumList.Parse($"{Sha256Vectors.Abc}  a\n{Sha256Vectors.Empty}  a\n", "x")).Message);
        Assert.Contains("plain file name", Assert.Throws<FormatException>(() =>
            ChecksumList.Parse($"{Sha256Vectors.Abc}  ../a\n", "x")).Message);
    }

    [Fact]
    public void AnEmptyListIsRejected() =>
        Assert.Throws<FormatException>(() => ChecksumList.Parse("# nothing\n", "x"));

    [Fact]
    public void ParsesTheCommittedLists()
    {
        string dir = Path.Combine(Paths.RepoRoot, "data", "checksums");
        foreach (string name in new[] { "mnist.sha256", "fashion-mnist.sha256" })
        {
            ChecksumList list = ChecksumList.Load(Path.Combine(dir, name));
            Assert.Equal(4, list.Entries.Count);
            Assert.All(list.Entries, e => Assert.Matches("^[0-9a-f]{64}$", e.Sha256));
        }
    }
}
