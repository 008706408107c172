using System.Buffers.Binary;
using System.IO.Compression;
using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;
using GenCourse.Engine;
using GenCourse.Checkpoints;

namespace GenCourse.Data;

/// <summary>
/// The IDX format of MNIST and Fashion-MNIST (LeCun et al., http://yann.lecun.com/exdb/mnist/):
/// <code>
/// magic: 0x00 0x00 [type] [ndim]      type 0x08 = unsigned byte, … (see IdxElementType)
/// ndim × int32 big-endian sizes       e.g. 60000, 28, 28
/// the values, row-major, big-endian   exactly Π sizes × element size bytes
/// </code>
/// Files may be gzip-compressed (recognised by their first two bytes, 1f 8b). Every check is made
/// before the data is trusted: a wrong magic, a size of zero, a file shorter or longer than its
/// header says are errors naming the file; no partial array is ever returned.
/// </summary>
public static class IdxFile
{
    private const int GzipMinimumLength = 18;

    // Deflate's largest possible expansion (zlib's technical notes): 1032 output bytes per input byte.
    private const long MaxDeflateRatio = 1032;

    /// <summary>
    /// Reads an IDX file (raw or gzip) into a CPU tensor of its element type (uint8 for MNIST)
    /// and shape. The tensor joins the current dispose scope, like any new tensor.
    /// </summary>
    public static Tensor Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such IDX file.", path);
        var (array, shape) = ReadArray(path);
        return array switch
        {
            // Exact types: the runtime lets a byte[] pass as sbyte[] and the other way round.
            sbyte[] a when a.GetType() == typeof(sbyte[]) => Int8Tensor(a, shape),
            byte[] a when a.GetType() == typeof(byte[]) => torch.tensor(a, shape),
            short[] a => torch.tensor(a, shape),
            int[] a => torch.tensor(a, shape),
            float[] a => torch.tensor(a, shape),
            double[] a => torch.tensor(a, shape),
            _ => throw new InvalidOperationException($"IDX element array {array.GetType().Name} has no tensor dtype"),
        };
    }

    // TorchSharp has no sbyte[] factory (an sbyte[] passes as IList<byte> and comes back uint8).
    private static Tensor Int8Tensor(sbyte[] values, long[] shape)
    {
        using Tensor wide = torch.tensor(Array.ConvertAll(values, v => (short)v), shape);
        return wide.to(ScalarType.Int8);
    }

    /// <summary>The values of an IDX file as a flat .NET array (byte[], sbyte[], short[], int[], float[], double[]) and its shape.</summary>
    internal static (Array Values, long[] Shape) ReadArray(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        long fileLength = file.Length;
        bool gzip = IsGzip(file);
        uint? gzipSize = gzip ? GzipUncompressedSize(file, path) : null;
        using Stream data = gzip ? new GZipStream(file, CompressionMode.Decompress) : file;
        try
        {
            return ReadBody(data, path, gzip ? gzipSize!.Value : fileLength, gzip, fileLength);
        }
        catch (InvalidDataException e)
        {
            throw Corrupt(path, $"the gzip stream is damaged ({e.Message}). Reinstall the file.");
        }
    }

    private static (Array, long[]) ReadBody(Stream data, string path, long available, bool gzip, long fileLength)
    {
        Span<byte> magic = stackalloc byte[4];
        if (!TryReadExactly(data, magic))
            throw Corrupt(path, "is shorter than the 4-byte IDX magic number. The file is truncated or empty.");
        if (magic[0] != 0 || magic[1] != 0 || !Enum.IsDefined((IdxElementType)magic[2]))
            throw Corrupt(path, $"magic number {Convert.ToHexString(magic)} is not an IDX magic (00 00 [08|09|0B|0C|0D|0E] [ndim]). Not an IDX file.");
        var type = (IdxElementType)magic[2];
        int ndim = magic[3];
        if (ndim == 0) throw Corrupt(path, "declares 0 dimensions.");

        Span<byte> dimBytes = stackalloc byte[4 * ndim];
        if (!TryReadExactly(data, dimBytes))
            throw Corrupt(path, $"ends inside its header ({ndim} sizes were declared). The file is truncated.");
        var shape = new long[ndim];
        long count = 1;
        for (int d = 0; d < ndim; ++d)
        {
            int size = BinaryPrimitives.ReadInt32BigEndian(dimBytes.Slice(4 * d, 4));
            if (size <= 0) throw Corrupt(path, $"size of dimension {d} is {size}; sizes must be positive.");
            shape[d] = size;
            count = count * size;
            if (count > Array.MaxLength) throw Corrupt(path, $"shape [{string.Join(", ", shape[..(d + 1)])}…] describes more values than an array can hold.");
        }
        int elementSize = ElementSize(type);
        long headerBytes = 4 + 4L * ndim;
        long dataBytes = count * elementSize;
        if (dataBytes > Array.MaxLength) throw Corrupt(path, $"shape [{string.Join(", ", shape)}] describes {dataBytes} bytes, more than an array can hold.");

        // The size check comes before the allocation, so a hostile header cannot ask for gigabytes.
        long expected = headerBytes + dataBytes;
        if (gzip)
        {
            // ISIZE is only known mod 2^32, but deflate cannot expand data by more than 1032:1,
            // which bounds what a small file may claim.
            if (expected > MaxDeflateRatio * fileLength)
                throw Corrupt(path, $"header describes {expected} bytes (shape [{string.Join(", ", shape)}]), more than a {fileLength}-byte gzip file can hold. The file is corrupt.");
            if ((uint)expected != (uint)available)
                throw Corrupt(path, $"header describes {expected} bytes (shape [{string.Join(", ", shape)}]) but the gzip data holds {available} (mod 2^32). The file is truncated or corrupt.");
        }
        else if (expected != available)
        {
            throw Corrupt(path, expected > available
                ? $"header describes {expected} bytes (shape [{string.Join(", ", shape)}]) but the file has only {available}: it is truncated."
                : $"header describes {expected} bytes (shape [{string.Join(", ", shape)}]) but the file has {available}: {available - expected} unexpected trailing bytes.");
        }

        Array values = Array.CreateInstance(ClrType(type), count);
        Span<byte> raw = MemoryMarshal.CreateSpan(ref MemoryMarshal.GetArrayDataReference(values), (int)dataBytes);
        if (!TryReadExactly(data, raw))
            throw Corrupt(path, $"ends before its {dataBytes} data bytes (shape [{string.Join(", ", shape)}]). The file is truncated.");
        if (gzip && data.ReadByte() >= 0)
            throw Corrupt(path, $"holds more data than its header describes (shape [{string.Join(", ", shape)}]).");
        ToNativeEndian(raw, elementSize);
        return (values, shape);
    }

    /// <summary>
    /// Writes a tensor as an IDX file of <paramref name="type"/> (converting the values),
    /// gzip-compressed when the path ends in ".gz". Written atomically.
    /// </summary>
    public static void Write(string path, Tensor values, IdxElementType type = IdxElementType.UInt8)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(values);
        long[] shape = values.shape;
        if (shape.Length is 0 or > 255) throw new ArgumentException($"IDX holds 1 to 255 dimensions; this tensor has {shape.Length}", nameof(values));
        if (shape.Any(s => s <= 0 || s > int.MaxValue)) throw new ArgumentException($"IDX sizes must be positive int32 values; the shape is [{string.Join(", ", shape)}]", nameof(values));
        Array array = type switch
        {
            IdxElementType.UInt8 => values.ToArray<byte>(),
            IdxElementType.Int8 => values.ToArray<sbyte>(),
            IdxElementType.Int16 => values.ToArray<short>(),
            IdxElementType.Int32 => values.ToArray<int>(),
            IdxElementType.Float32 => values.ToArray<float>(),
            IdxElementType.Float64 => values.ToArray<double>(),
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown IDX element type"),
        };
        int elementSize = ElementSize(type);
        var bytes = new byte[4 + 4 * shape.Length + (long)array.Length * elementSize];
        bytes[2] = (byte)type;
        bytes[3] = (byte)shape.Length;
        for (int d = 0; d < shape.Length; ++d) BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * d), (int)shape[d]);
        Span<byte> body = bytes.AsSpan(4 + 4 * shape.Length);
        MemoryMarshal.CreateSpan(ref MemoryMarshal.GetArrayDataReference(array), body.Length).CopyTo(body);
        ToNativeEndian(body, elementSize); // the swap is its own inverse: native → big-endian

        bool compress = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
        AtomicFile.Write(path, stream =>
        {
            if (!compress)
            {
                stream.Write(bytes);
                return;
            }
            using var gz = new GZipStream(stream, CompressionLevel.Fastest, leaveOpen: true);
            gz.Write(bytes);
        });
    }

    private static bool IsGzip(FileStream file)
    {
        if (file.Length < 2) return false;
        Span<byte> head = stackalloc byte[2];
        file.ReadExactly(head);
        file.Position = 0;
        return head[0] == 0x1f && head[1] == 0x8b;
    }

    /// <summary>The gzip trailer's ISIZE: the uncompressed length mod 2^32 (RFC 1952 §2.3.1).</summary>
    private static uint GzipUncompressedSize(FileStream file, string path)
    {
        if (file.Length < GzipMinimumLength) throw Corrupt(path, $"is a gzip file of only {file.Length} bytes, shorter than any complete gzip stream. The file is truncated.");
        Span<byte> trailer = stackalloc byte[4];
        file.Position = file.Length - 4;
        file.ReadExactly(trailer);
        file.Position = 0;
        return BinaryPrimitives.ReadUInt32LittleEndian(trailer);
    }

    private static bool TryReadExactly(Stream s, Span<byte> buffer)
    {
        try
        {
            s.ReadExactly(buffer);
            return true;
        }
        catch (EndOfStreamException)
        {
            return false;
        }
    }

    private static void ToNativeEndian(Span<byte> raw, int elementSize)
    {
        if (!BitConverter.IsLittleEndian || elementSize == 1) return;
        switch (elementSize)
        {
            case 2: BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<byte, short>(raw), MemoryMarshal.Cast<byte, short>(raw)); break;
            case 4: BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<byte, int>(raw), MemoryMarshal.Cast<byte, int>(raw)); break;
            case 8: BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<byte, long>(raw), MemoryMarshal.Cast<byte, long>(raw)); break;
        }
    }

    private static int ElementSize(IdxElementType type) => type switch
    {
        IdxElementType.UInt8 or IdxElementType.Int8 => 1,
        IdxElementType.Int16 => 2,
        IdxElementType.Int32 or IdxElementType.Float32 => 4,
        IdxElementType.Float64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown IDX element type"),
    };

    private static Type ClrType(IdxElementType type) => type switch
    {
        IdxElementType.UInt8 => typeof(byte),
        IdxElementType.Int8 => typeof(sbyte),
        IdxElementType.Int16 => typeof(short),
        IdxElementType.Int32 => typeof(int),
        IdxElementType.Float32 => typeof(float),
        IdxElementType.Float64 => typeof(double),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown IDX element type"),
    };

    private static DataFileException Corrupt(string path, string problem) => new(path, problem);
}
