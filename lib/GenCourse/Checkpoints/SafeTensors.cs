using System.Buffers.Binary;
using System.Runtime.InteropServices;

using TorchSharp;
using static TorchSharp.torch;

namespace GenCourse.Checkpoints;

/// <summary>
/// Reads and writes the safetensors format (Hugging Face), so a checkpoint saved here opens with
/// Python's <c>safetensors.torch.load_file</c> and the other way round:
/// <code>
/// [N: u64 little-endian] [N bytes of JSON header] [raw little-endian tensor bytes]
/// </code>
/// See <see cref="SafeTensorsHeader"/> for the header. Saving is atomic (<see cref="AtomicFile"/>);
/// loading validates the whole header (size, JSON, dtypes, offsets, optionally the expected
/// shapes) before it allocates a single tensor, so a damaged file is a
/// <see cref="SafeTensorsException"/> naming the file and the problem, never a crash.
/// </summary>
public static class SafeTensors
{
    // Reads and writes go through spans, which hold at most int.MaxValue bytes.
    private const int ChunkBytes = 1 << 30;

    /// <summary>
    /// Saves <paramref name="tensors"/> (any device, any supported dtype) and a string
    /// <paramref name="metadata"/> map to <paramref name="path"/>, atomically: a crash mid-save
    /// leaves the previous file as it was. Tensors are laid out by decreasing element size, then
    /// by name (as the reference writer does), so every tensor starts at an aligned offset.
    /// </summary>
    public static void Save(string path, IReadOnlyDictionary<string, Tensor> tensors, IDictionary<string, string>? metadata = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var plan = Plan(tensors, metadata);
        AtomicFile.Write(path, stream => Write(stream, plan, tensors));
    }

    /// <summary>Writes the safetensors bytes of <paramref name="tensors"/> to <paramref name="stream"/>.</summary>
    public static void Save(Stream stream, IReadOnlyDictionary<string, Tensor> tensors, IDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Write(stream, Plan(tensors, metadata), tensors);
    }

    /// <summary>Reads and validates the header of <paramref name="path"/> (no tensor data is read).</summary>
    public static SafeTensorsHeader ReadHeader(string path)
    {
        using FileStream stream = OpenRead(path);
        return SafeTensorsHeader.Read(stream, stream.Length, path);
    }

    /// <summary>
    /// Loads every tensor of <paramref name="path"/> (in header order) onto <paramref name="device"/>
    /// (CPU by default). The new tensors join the current dispose scope, like any new tensor.
    /// </summary>
    public static Dictionary<string, Tensor> Load(string path, Device? device = null)
    {
        using FileStream stream = OpenRead(path);
        return Load(stream, path, null, device);
    }

    /// <summary>
    /// Like <see cref="Load(string, Device?)"/>, but first checks that the file holds exactly the
    /// tensors of <paramref name="expectedShapes"/> with those shapes; a mismatch names the tensor
    /// and both shapes, and nothing is loaded.
    /// </summary>
    public static Dictionary<string, Tensor> Load(string path, IReadOnlyDictionary<string, long[]> expectedShapes, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(expectedShapes);
        using FileStream stream = OpenRead(path);
        return Load(stream, path, expectedShapes, device);
    }

    /// <summary>
    /// Loads from a seekable <paramref name="stream"/> holding one safetensors file from its
    /// current position to its end; <paramref name="source"/> names it in error messages.
    /// </summary>
    public static Dictionary<string, Tensor> Load(Stream stream, string source,
        IReadOnlyDictionary<string, long[]>? expectedShapes = null, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanSeek) throw new ArgumentException("the stream must be seekable (its length bounds the header)", nameof(stream));
        RequireLittleEndian();
        long start = stream.Position;
        SafeTensorsHeader header = SafeTensorsHeader.Read(stream, stream.Length - start, source);
        if (expectedShapes is not null) header.CheckShapes(expectedShapes, source);

        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        try
        {
            foreach (SafeTensorInfo info in header.Tensors)
            {
                stream.Position = start + header.DataStart + info.Begin;
                Tensor t = ReadTensor(stream, info, source);
                if (device is Device d && d != t.device) t = MoveTo(t, d);
                result.Add(info.Name, t);
            }
        }
        catch
        {
            foreach (Tensor t in result.Values) t.Dispose();
            throw;
        }
        return result;
    }

    private static FileStream OpenRead(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path}: no such checkpoint file.", path);
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
    }

    // ---- writing ---------------------------------------------------------------------------

    private sealed record SavePlan(byte[] Header, List<(string Name, ScalarType DType, long[] Shape, long Bytes)> Entries);

    /// <summary>Validates the inputs and lays out the file, before anything is written.</summary>
    private static SavePlan Plan(IReadOnlyDictionary<string, Tensor> tensors, IDictionary<string, string>? metadata)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        RequireLittleEndian();
        var entries = new List<(string Name, ScalarType DType, long[] Shape, long Bytes)>(tensors.Count);
        foreach (var (name, t) in tensors)
        {
            if (string.IsNullOrEmpty(name)) throw new ArgumentException("a tensor name is empty; every tensor needs a name", nameof(tensors));
            if (name == SafeTensorsHeader.MetadataKey) throw new ArgumentException($"'{name}' is reserved for the metadata map and cannot name a tensor", nameof(tensors));
            if (t is null) throw new ArgumentException($"tensor '{name}' is null", nameof(tensors));
            if (t.IsInvalid) throw new ObjectDisposedException(nameof(Tensor), $"tensor '{name}' was disposed before it could be saved");
            ScalarType dtype = t.dtype;
            if (!SafeTensorsDType.TryName(dtype, out _))
                throw new ArgumentException($"tensor '{name}' has dtype {dtype}, which safetensors cannot hold here", nameof(tensors));
            entries.Add((name, dtype, t.shape, t.numel() * dtype.Bytes()));
        }
        // Larger elements first keeps every tensor's offset a multiple of its element size.
        entries.Sort((a, b) =>
        {
            int bySize = b.DType.Bytes().CompareTo(a.DType.Bytes());
            return bySize != 0 ? bySize : string.CompareOrdinal(a.Name, b.Name);
        });
        IReadOnlyDictionary<string, string>? meta = metadata is null ? null : new Dictionary<string, string>(metadata, StringComparer.Ordinal);
        if (meta is not null)
            foreach (var (k, v) in meta)
                if (v is null) throw new ArgumentException($"metadata '{k}' is null; metadata values must be strings", nameof(metadata));
        return new SavePlan(SafeTensorsHeader.Build(entries, meta), entries);
    }

    private static unsafe void Write(Stream stream, SavePlan plan, IReadOnlyDictionary<string, Tensor> tensors)
    {
        Span<byte> size = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(size, (ulong)plan.Header.Length);
        stream.Write(size);
        stream.Write(plan.Header);
        foreach (var (name, _, _, bytes) in plan.Entries)
        {
            if (bytes == 0) continue;
            byte* buffer = (byte*)NativeMemory.Alloc((nuint)bytes);
            try
            {
                TensorBytes.CopyOut(tensors[name], buffer, bytes);
                for (long done = 0; done < bytes; done += ChunkBytes)
                    stream.Write(new ReadOnlySpan<byte>(buffer + done, (int)Math.Min(ChunkBytes, bytes - done)));
            }
            finally
            {
                NativeMemory.Free(buffer);
            }
        }
        stream.Flush();
    }

    // ---- reading ---------------------------------------------------------------------------

    private static unsafe Tensor ReadTensor(Stream stream, SafeTensorInfo info, string source)
    {
        long bytes = info.ByteLength;
        byte* buffer = (byte*)NativeMemory.Alloc((nuint)Math.Max(bytes, 1));
        try
        {
            for (long done = 0; done < bytes; done += ChunkBytes)
            {
                var span = new Span<byte>(buffer + done, (int)Math.Min(ChunkBytes, bytes - done));
                try { stream.ReadExactly(span); }
                catch (EndOfStreamException)
                {
                    throw new SafeTensorsException(source, $"tensor '{info.Name}': the file ended while reading its data: the file is truncated.");
                }
            }
            if (info.DType == ScalarType.Bool)
            {
                // libtorch assumes a bool byte is 0 or 1; anything else would make comparisons lie.
                for (long k = 0; k < bytes; ++k)
                    if (buffer[k] > 1)
                        throw new SafeTensorsException(source, $"tensor '{info.Name}' (BOOL) holds byte {buffer[k]} at element {k}; booleans must be 0 or 1.");
            }
            return TensorBytes.FromBytes(buffer, info.Shape, info.DType);
        }
        finally
        {
            NativeMemory.Free(buffer);
        }
    }

    private static Tensor MoveTo(Tensor t, Device device)
    {
        try { return t.to(device); }
        finally { t.Dispose(); }
    }

    private static void RequireLittleEndian()
    {
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("safetensors data is little-endian; this reader supports little-endian machines only");
    }
}
