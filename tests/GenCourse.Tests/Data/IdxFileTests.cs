using System.IO.Compression;
using GenCourse.Data;

namespace GenCourse.Tests.Data;

public class IdxFileTests
{
    [Fact]
    public void TinyFileHasTheDocumentedLayout()
    {
        using var folder = new TempFolder();
        string path = folder.File("tiny-idx2-ubyte");
        using (var t = torch.tensor(new byte[,] { { 1, 2, 3 }, { 250, 251, 252 } }))
            IdxFile.Write(path, t);
        byte[] expected =
        [
            0x00, 0x00, 0x08, 0x02,     // magic: unsigned bytes, 2 dimensions
            0x00, 0x00, 0x00, 0x02,     // 2 rows, int32 big-endian
            0x00, 0x00, 0x00, 0x03,     // 3 columns
            1, 2, 3, 250, 251, 252,
        ];
        Assert.Equal(expected, File.ReadAllBytes(path));
    }

    [Fact]
    public void MultiByteValuesAreBigEndian()
    {
        using var folder = new TempFolder();
        string path = folder.File("ints-idx1-int");
        using (var t = torch.tensor(new[] { 0x01020304, -2 }))
            IdxFile.Write(path, t, IdxElementType.Int32);
        byte[] bytes = File.ReadAllBytes(path);
        Assert.Equal(new byte[] { 0x00, 0x00, 0x0C, 0x01, 0, 0, 0, 2, 0x01, 0x02, 0x03, 0x04, 0xFF, 0xFF, 0xFF, 0xFE }, bytes);
    }

    public static TheoryData<IdxElementType, bool> Types()
    {
        var data = new TheoryData<IdxElementType, bool>();
        foreach (IdxElementType type in Enum.GetValues<IdxElementType>())
        {
            data.Add(type, false);
            data.Add(type, true);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void GeneratedFilesRoundTrip(IdxElementType type, bool gzip)
    {
        using var folder = new TempFolder();
        string path = folder.File("values-idx3" + (gzip ? ".gz" : ""));
        // Values every type can hold exactly: −100 … 99 (uint8 gets 0 … 199).
        double offset = type == IdxElementType.UInt8 ? 0 : -100;
        using var scope = torch.NewDisposeScope();
        Tensor values = (torch.arange(0L, 200L).reshape(5, 4, 10) + (long)offset).to(ScalarType.Float64);
        IdxFile.Write(path, values, type);
        if (gzip) Assert.Equal(new byte[] { 0x1f, 0x8b }, File.ReadAllBytes(path)[..2]);

        Tensor back = IdxFile.Read(path);
        ScalarType expectedDtype = type switch
        {
            IdxElementType.UInt8 => ScalarType.Byte,
            IdxElementType.Int8 => ScalarType.Int8,
            IdxElementType.Int16 => ScalarType.Int16,
            IdxElementType.Int32 => ScalarType.Int32,
            IdxElementType.Float32 => ScalarType.Float32,
            _ => ScalarType.Float64,
        };
        Assert.Equal(expectedDtype, back.dtype);
        Assert.Equal(new long[] { 5, 4, 10 }, back.shape);
        Assert.Equal(values.ToArray<double>(), back.ToArray<double>());
    }

    [Fact]
    public void NonIntegerFloatsRoundTripExactly()
    {
        using var folder = new TempFolder();
        string path = folder.File("floats-idx1");
        var values = new[] { 0.1f, -3.75e-20f, float.MaxValue, 1f / 3 };
        using var t = torch.tensor(values);
        IdxFile.Write(path, t, IdxElementType.Float32);
        using var back = IdxFile.Read(path);
        Assert.Equal(values, back.ToArray<float>());
    }

    // ---- rejected files --------------------------------------------------------------------

    private static DataFileException ReadFails(byte[] bytes, bool gzip = false)
    {
        using var folder = new TempFolder();
        string path = folder.File("bad-idx");
        if (gzip)
        {
            using var file = File.Create(path);
            using var gz = new GZipStream(file, CompressionLevel.Fastest);
            gz.Write(bytes);
        }
        else File.WriteAllBytes(path, bytes);
        using var scope = torch.NewDisposeScope();
        var e = Assert.Throws<DataFileException>(() => IdxFile.Read(path));
        Assert.Equal(0, scope.DisposablesCount);
        Assert.Equal(path, e.FilePath);
        Assert.StartsWith(path + ": ", e.Message);
        return e;
    }

    public static TheoryData<byte[], string> BadFiles => new()
    {
        { new byte[] { 0x00, 0x01, 0x08, 0x01, 0, 0, 0, 1, 7 }, "magic number 00010801 is not an IDX magic" },
        { new byte[] { 0x00, 0x00, 0x07, 0x01, 0, 0, 0, 1, 7 }, "magic number 00000701 is not an IDX magic" },
        { new byte[] { 0x1f, 0x9d, 0x90 }, "shorter than the 4-byte IDX magic" },
        { new byte[] { 0x00, 0x00, 0x08, 0x00 }, "declares 0 dimensions" },
        { new byte[] { 0x00, 0x00, 0x08, 0x03, 0, 0, 0, 2, 0, 0 }, "ends inside its header (3 sizes were declared)" },
        { new byte[] { 0x00, 0x00, 0x08, 0x02, 0, 0, 0, 2, 0, 0, 0, 0 }, "size of dimension 1 is 0" },
        { new byte[] { 0x00, 0x00, 0x08, 0x01, 0x80, 0, 0, 0 }, "size of dimension 0 is -2147483648" },
        { new byte[] { 0x00, 0x00, 0x08, 0x02, 0, 0, 0, 2, 0, 0, 0, 3, 1, 2, 3, 4, 5 }, "header describes 18 bytes (shape [2, 3]) but the file has only 17: it is truncated" },
        { new byte[] { 0x00, 0x00, 0x08, 0x01, 0, 0, 0, 2, 1, 2, 3 }, "header describes 10 bytes (shape [2]) but the file has 11: 1 unexpected trailing bytes" },
        { new byte[] { 0x00, 0x00, 0x0D, 0x01, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0 }, "header describes 16 bytes (shape [2]) but the file has only 15" },
        { new byte[] { 0x00, 0x00, 0x08, 0x03, 0x7F, 0xFF, 0xFF, 0xFF, 0x7F, 0xFF, 0xFF, 0xFF, 0, 0, 0, 2 }, "describes more values than an array can hold" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void BadFileIsRejectedWithWhatWasWrong(byte[] bytes, string expected)
    {
        Assert.Contains(expected, ReadFails(bytes).Message);
    }

    [Fact]
    public void GzipFileWhoseContentIsShorterThanItsHeaderSaysIsRejected()
    {
        var e = ReadFails([0x00, 0x00, 0x08, 0x02, 0, 0, 0, 2, 0, 0, 0, 3, 1, 2, 3, 4, 5], gzip: true);
        Assert.Contains("header describes 18 bytes (shape [2, 3]) but the gzip data holds 17", e.Message);
    }

    [Fact]
    public void GzipFileWithExtraContentIsRejected()
    {
        var e = ReadFails([0x00, 0x00, 0x08, 0x01, 0, 0, 0, 2, 1, 2, 3], gzip: true);
        Assert.Contains("but the gzip data holds 11", e.Message);
    }

    [Fact]
    public void SmallGzipFileClaimingHugeDataIsRejectedBeforeAllocating()
    {
        // 1,000,000,000 bytes claimed and ISIZE patched to agree; 200 kB of incompressible data
        // keep the trailer beyond the first read, so only the ratio bound can stop it in time.
        using var folder = new TempFolder();
        string path = folder.File("bomb-idx.gz");
        byte[] header = [0x00, 0x00, 0x08, 0x03, 0, 0, 0x27, 0x10, 0, 0, 0x03, 0xE8, 0, 0, 0, 100];
        var noise = new byte[200_000];
        new Random(5).NextBytes(noise);
        using (var file = File.Create(path))
        using (var gz = new GZipStream(file, CompressionLevel.Fastest))
        {
            gz.Write(header);
            gz.Write(noise);
        }
        byte[] bytes = File.ReadAllBytes(path);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(bytes.Length - 4), (uint)(16 + 1_000_000_000L));
        File.WriteAllBytes(path, bytes);

        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<DataFileException>(() => IdxFile.Read(path));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 10_000_000);
        Assert.True(e.Message.Contains("header describes 1000000016 bytes (shape [10000, 1000, 100]), more than a"), e.Message);
    }

    [Fact]
    public void TruncatedGzipStreamIsRejected()
    {
        using var folder = new TempFolder();
        string good = folder.File("good-idx.gz");
        using (var t = torch.randint(0, 256, new long[] { 50, 28, 28 }, ScalarType.Byte))
            IdxFile.Write(good, t);
        byte[] whole = File.ReadAllBytes(good);
        string cut = folder.File("cut-idx.gz");
        File.WriteAllBytes(cut, whole[..(whole.Length / 2)]);
        using var scope = torch.NewDisposeScope();
        var e = Assert.Throws<DataFileException>(() => IdxFile.Read(cut));
        Assert.StartsWith(cut + ": ", e.Message);
        Assert.Equal(0, scope.DisposablesCount);
    }

    [Fact]
    public void DamagedGzipStreamIsRejected()
    {
        using var folder = new TempFolder();
        string path = folder.File("damaged-idx.gz");
        using (var t = torch.randint(0, 256, new long[] { 50, 28, 28 }, ScalarType.Byte))
            IdxFile.Write(path, t);
        byte[] bytes = File.ReadAllBytes(path);
        for (int k = 20; k < 60; ++k) bytes[k] ^= 0x5A;
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<DataFileException>(() => IdxFile.Read(path));
        Assert.StartsWith(path + ": ", e.Message);
    }

    [Fact]
    public void MissingFileNamesThePath()
    {
        using var folder = new TempFolder();
        string path = folder.File("absent-idx3-ubyte");
        var e = Assert.Throws<FileNotFoundException>(() => IdxFile.Read(path));
        Assert.Contains(path, e.Message);
    }
}
