using GenCourse.Data;

namespace GenCourse.Tests.Data;

public class Cifar10Tests
{
    /// <summary>
    /// The byte a generated record holds: plane c ∈ {0 R, 1 G, 2 B}, row y, column x of record r,
    /// chosen so that swapping channels, rows, columns or records changes it.
    /// </summary>
    private static byte Pixel(int r, int c, int y, int x) => (byte)((r * 7 + c * 80 + y * 3 + x * 5) % 256);

    private static byte Label(int r) => (byte)((r * 3 + 1) % 10);

    /// <summary>Writes <paramref name="records"/> records in the binary layout, numbered from <paramref name="first"/>.</summary>
    private static void WriteBatch(string path, int first, int records)
    {
        var bytes = new byte[records * Cifar10.RecordBytes];
        for (int k = 0; k < records; ++k)
        {
            int r = first + k;
            int o = k * Cifar10.RecordBytes;
            bytes[o] = Label(r);
            for (int c = 0; c < 3; ++c)
                for (int y = 0; y < 32; ++y)
                    for (int x = 0; x < 32; ++x)
                        bytes[o + 1 + c * 1024 + y * 32 + x] = Pixel(r, c, y, x);
        }
        File.WriteAllBytes(path, bytes);
    }

    [Fact]
    public void RecordsBecomeChannelFirstImagesWithTheirLabels()
    {
        using var folder = new TempFolder();
        WriteBatch(folder.File("a.bin"), 0, 3);
        WriteBatch(folder.File("b.bin"), 3, 2);
        using ImageDataset data = Cifar10.LoadFiles([folder.File("a.bin"), folder.File("b.bin")]);

        Assert.Equal(new long[] { 5, 3, 32, 32 }, data.Images.shape);
        Assert.Equal(ScalarType.Float32, data.Images.dtype);
        Assert.Equal(Enumerable.Range(0, 5).Select(r => (long)Label(r)), data.Labels.ToArray<long>());
        float[] pixels = data.Images.ToArray<float>();
        for (int r = 0; r < 5; ++r)
            for (int c = 0; c < 3; ++c)
                for (int y = 0; y < 32; ++y)
                    for (int x = 0; x < 32; ++x)
                        Assert.Equal(Pixel(r, c, y, x) / 255f, pixels[((r * 3 + c) * 32 + y) * 32 + x]);
    }

    [Fact]
    public void ClassNamesAreTheTenCifarClassesInLabelOrder()
    {
        Assert.Equal(["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"], Cifar10.ClassNames);
    }

    [Fact]
    public void TestSplitLoadsFromTheDataFolderWhenComplete()
    {
        using var folder = new TempFolder();
        WriteBatch(folder.File("test_batch.bin"), 0, Cifar10.RecordsPerFile);
        using ImageDataset test = Cifar10.Load(DataSplit.Test, folder.Path);
        Assert.Equal(new long[] { 10_000, 3, 32, 32 }, test.Images.shape);
        // Labels (3r + 1) mod 10 visit every class equally often.
        Assert.Equal(Enumerable.Repeat(1000L, 10), test.ClassCounts());
        Assert.False(Cifar10.IsInstalled(folder.Path));
    }

    [Fact]
    public void MissingFilesAreAllNamedWithWhereToGetThem()
    {
        using var folder = new TempFolder();
        WriteBatch(folder.File("data_batch_1.bin"), 0, 1);
        var e = Assert.Throws<FileNotFoundException>(() => Cifar10.Load(DataSplit.Train, folder.Path));
        foreach (int k in new[] { 2, 3, 4, 5 }) Assert.Contains(folder.File($"data_batch_{k}.bin"), e.Message);
        Assert.DoesNotContain("data_batch_1.bin,", e.Message);
        Assert.Contains("data/cifar10/", e.Message);
    }

    [Fact]
    public void AShortBatchFileIsRejectedNotLoadedPartially()
    {
        using var folder = new TempFolder();
        WriteBatch(folder.File("test_batch.bin"), 0, 2);
        var e = Assert.Throws<DataFileException>(() => Cifar10.Load(DataSplit.Test, folder.Path));
        Assert.Contains("holds 2 records, but each CIFAR-10 batch file holds 10000", e.Message);
    }

    [Fact]
    public void AFileThatIsNotWholeRecordsIsRejected()
    {
        using var folder = new TempFolder();
        WriteBatch(folder.File("a.bin"), 0, 2);
        byte[] bytes = File.ReadAllBytes(folder.File("a.bin"));
        File.WriteAllBytes(folder.File("a.bin"), bytes[..^100]);
        var e = Assert.Throws<DataFileException>(() => Cifar10.LoadFiles([folder.File("a.bin")]));
        Assert.Contains($"is {2 * 3073 - 100} bytes long, not a whole number of 3073-byte records", e.Message);
    }

    [Fact]
    public void ALabelAboveNineIsRejectedWithItsRecord()
    {
        using var folder = new TempFolder();
        WriteBatch(folder.File("a.bin"), 0, 3);
        byte[] bytes = File.ReadAllBytes(folder.File("a.bin"));
        bytes[2 * Cifar10.RecordBytes] = 42;
        File.WriteAllBytes(folder.File("a.bin"), bytes);
        using var scope = torch.NewDisposeScope();
        var e = Assert.Throws<DataFileException>(() => Cifar10.LoadFiles([folder.File("a.bin")]));
        Assert.Contains("record 2 has label 42", e.Message);
        Assert.Equal(0, scope.DisposablesCount);
    }
}
