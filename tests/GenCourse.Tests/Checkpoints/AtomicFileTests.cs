using GenCourse.Checkpoints;

namespace GenCourse.Tests.Checkpoints;

public class AtomicFileTests
{
    [Fact]
    public void WritesTheFileCreatingItsFolder()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "a", "b", "out.bin");
        AtomicFile.WriteAllBytes(path, [1, 2, 3]);
        Assert.Equal(new byte[] { 1, 2, 3 }, File.ReadAllBytes(path));
        Assert.Equal(new[] { path }, Directory.GetFiles(Path.GetDirectoryName(path)!));
    }

    [Fact]
    public void AWriterThatThrowsMidwayLeavesTheOldFileAndNoTemporaryFile()
    {
        using var folder = new TempFolder();
        string path = folder.File("out.bin");
        File.WriteAllBytes(path, [9, 9]);
        var e = Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, s =>
        {
            s.Write(new byte[1000]);
            throw new InvalidOperationException("died");
        }));
        Assert.Equal("died", e.Message);
        Assert.Equal(new byte[] { 9, 9 }, File.ReadAllBytes(path));
        Assert.Equal(new[] { path }, Directory.GetFiles(folder.Path));
    }

    [Fact]
    public void AWriterThatThrowsLeavesNoFileWhereThereWasNone()
    {
        using var folder = new TempFolder();
        string path = folder.File("out.bin");
        Assert.Throws<IOException>(() => AtomicFile.Write(path, s => throw new IOException("disk full")));
        Assert.Empty(Directory.GetFiles(folder.Path));
    }

    [Fact]
    public void TheNewContentIsInvisibleUntilTheWriteCompletes()
    {
        using var folder = new TempFolder();
        string path = folder.File("out.bin");
        File.WriteAllBytes(path, [1]);
        AtomicFile.Write(path, s =>
        {
            s.Write(new byte[] { 2, 2 });
            s.Flush();
            Assert.Equal(new byte[] { 1 }, File.ReadAllBytes(path));
        });
        Assert.Equal(new byte[] { 2, 2 }, File.ReadAllBytes(path));
    }
}
