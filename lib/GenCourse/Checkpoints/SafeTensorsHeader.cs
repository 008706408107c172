using System.Buffers.Binary;
using System.Text.Encodings.Web;
using System.Text.Json;

using TorchSharp;
using static TorchSharp.torch;

namespace GenCourse.Checkpoints;

/// <summary>
/// The header of a safetensors file, read and validated without touching the tensor data:
/// <code>
/// [8 bytes: N, u64 little-endian] [N bytes: UTF-8 JSON, space-padded] [data section]
/// {"__metadata__": {"k": "v"}, "w": {"dtype": "F32", "shape": [2, 3], "data_offsets": [0, 24]}, …}
/// </code>
/// Offsets are relative to the data section; the tensors tile it exactly, with no gap and no
/// overlap, and each one's byte length is numel × element size.
/// </summary>
public sealed class SafeTensorsHeader
{
    /// <summary>
    /// The largest header accepted (the reference implementation's limit), so that a hostile size
    /// field can never make the reader allocate more than this.
    /// </summary>
    public const long MaxHeaderBytes = 100_000_000;

    internal const string MetadataKey = "__metadata__";

    private readonly Dictionary<string, SafeTensorInfo> byName;

    private SafeTensorsHeader(IReadOnlyList<SafeTensorInfo> tensors, IReadOnlyDictionary<string, string> metadata, long dataStart)
    {
        Tensors = tensors;
        Metadata = metadata;
        DataStart = dataStart;
        byName = tensors.ToDictionary(t => t.Name, StringComparer.Ordinal);
    }

    /// <summary>The tensors, in the order the header lists them.</summary>
    public IReadOnlyList<SafeTensorInfo> Tensors { get; }

    /// <summary>The <c>__metadata__</c> string map (empty when the file has none).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Where the data section starts in the file: 8 + the header length.</summary>
    public long DataStart { get; }

    /// <summary>The entry for <paramref name="name"/>, or null when the file has no such tensor.</summary>
    public SafeTensorInfo? Find(string name) => byName.GetValueOrDefault(name);

    /// <summary>
    /// Checks that the file holds exactly the tensors of <paramref name="expectedShapes"/> with
    /// those shapes. Throws one <see cref="SafeTensorsException"/> listing every missing,
    /// unexpected or mis-shaped tensor (naming the tensor and both shapes).
    /// </summary>
    public void CheckShapes(IReadOnlyDictionary<string, long[]> expectedShapes, string source)
    {
        ArgumentNullException.ThrowIfNull(expectedShapes);
        var problems = new List<string>();
        foreach (var (name, want) in expectedShapes.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            SafeTensorInfo? info = Find(name);
            if (info is null) problems.Add($"tensor '{name}' is missing (expected shape {FormatShape(want)})");
            else if (!info.Shape.AsSpan().SequenceEqual(want))
                problems.Add($"tensor '{name}' has shape {info.ShapeText} in the file but {FormatShape(want)} is expected");
        }
        foreach (SafeTensorInfo info in Tensors)
            if (!expectedShapes.ContainsKey(info.Name)) problems.Add($"tensor '{info.Name}' {info.ShapeText} is in the file but not expected");
        if (problems.Count > 0)
            throw new SafeTensorsException(source,
                $"does not match the expected tensors ({problems.Count} problem{(problems.Count > 1 ? "s" : "")}): " +
                string.Join("; ", problems.Take(10)) + (problems.Count > 10 ? $"; … and {problems.Count - 10} more" : "") +
                ". Was it saved from a model of another configuration?");
    }

    internal static string FormatShape(long[] shape) => "[" + string.Join(", ", shape) + "]";

    // ---- reading ---------------------------------------------------------------------------

    /// <summary>
    /// Reads and validates the header of a seekable stream of <paramref name="fileLength"/> bytes
    /// positioned at its start. Allocates at most the header's size, after checking that size
    /// against the file length and <see cref="MaxHeaderBytes"/>.
    /// </summary>
    internal static SafeTensorsHeader Read(Stream stream, long fileLength, string source)
    {
        if (fileLength < 8)
            throw new SafeTensorsException(source, $"is {fileLength} bytes long, too short to be a safetensors file (it needs at least the 8-byte header size). The file is truncated or not a checkpoint.");
        Span<byte> sizeField = stackalloc byte[8];
        stream.ReadExactly(sizeField);
        ulong n = BinaryPrimitives.ReadUInt64LittleEndian(sizeField);
        if (n < 2)
            throw new SafeTensorsException(source, $"header size field says {n} bytes; even an empty header ('{{}}') needs 2. Not a safetensors file.");
        if (n > MaxHeaderBytes)
            throw new SafeTensorsException(source, $"header size field says {n} bytes, more than the {MaxHeaderBytes} allowed: the file is corrupt or not a safetensors file.");
        if ((long)n > fileLength - 8)
            throw new SafeTensorsException(source, $"header size field says {n} bytes but only {fileLength - 8} follow it: the file is truncated.");
        var json = new byte[n];
        stream.ReadExactly(json);
        return Parse(json, fileLength - 8 - (long)n, 8 + (long)n, source);
    }

    /// <summary>Parses and validates header JSON for a data section of <paramref name="dataLength"/> bytes.</summary>
    internal static SafeTensorsHeader Parse(byte[] json, long dataLength, long dataStart, string source)
    {
        if (json.Length == 0 || json[0] != (byte)'{')
            throw new SafeTensorsException(source, "header does not start with '{': not a safetensors file, or the header size field is wrong.");
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 4 });
        }
        catch (JsonException e)
        {
            throw new SafeTensorsException(source, $"header is not valid JSON ({e.Message}). The file is corrupt.");
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                throw new SafeTensorsException(source, $"header JSON is {doc.RootElement.ValueKind}, not an object.");
            var tensors = new List<SafeTensorInfo>();
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (JsonProperty p in doc.RootElement.EnumerateObject())
            {
                if (!seen.Add(p.Name))
                    throw new SafeTensorsException(source, $"header lists '{p.Name}' twice.");
                if (p.Name == MetadataKey)
                {
                    ParseMetadata(p.Value, metadata, source);
                }
                else tensors.Add(ParseTensor(p.Name, p.Value, source));
            }
            CheckLayout(tensors, dataLength, source);
            return new SafeTensorsHeader(tensors, metadata, dataStart);
        }
    }

    private static void ParseMetadata(JsonElement value, Dictionary<string, string> metadata, string source)
    {
        if (value.ValueKind == JsonValueKind.Null) return;
        if (value.ValueKind != JsonValueKind.Object)
            throw new SafeTensorsException(source, $"'{MetadataKey}' is {value.ValueKind}, but it must be an object of strings.");
        foreach (JsonProperty m in value.EnumerateObject())
        {
            if (m.Value.ValueKind != JsonValueKind.String)
                throw new SafeTensorsException(source, $"metadata '{m.Name}' is {m.Value.ValueKind}, but metadata values must be strings.");
            if (!metadata.TryAdd(m.Name, m.Value.GetString()!))
                throw new SafeTensorsException(source, $"metadata lists '{m.Name}' twice.");
        }
    }

    private static SafeTensorInfo ParseTensor(string name, JsonElement value, string source)
    {
        if (name.Length == 0) throw new SafeTensorsException(source, "header has a tensor with an empty name.");
        if (value.ValueKind != JsonValueKind.Object)
            throw new SafeTensorsException(source, $"tensor '{name}': entry is {value.ValueKind}, not an object with dtype, shape and data_offsets.");
        string? dtypeName = null;
        long[]? shape = null;
        long[]? offsets = null;
        foreach (JsonProperty f in value.EnumerateObject())
        {
            switch (f.Name)
            {
                case "dtype" when dtypeName is null:
                    dtypeName = f.Value.ValueKind == JsonValueKind.String ? f.Value.GetString()!
                        : throw new SafeTensorsException(source, $"tensor '{name}': dtype is {f.Value.ValueKind}, not a string.");
                    break;
                case "shape" when shape is null:
                    shape = ReadLongs(f.Value, name, "shape", source);
                    break;
                case "data_offsets" when offsets is null:
                    offsets = ReadLongs(f.Value, name, "data_offsets", source);
                    break;
                case "dtype" or "shape" or "data_offsets":
                    throw new SafeTensorsException(source, $"tensor '{name}': field '{f.Name}' appears twice.");
                default:
                    throw new SafeTensorsException(source, $"tensor '{name}': unknown field '{f.Name}' (expected dtype, shape, data_offsets).");
            }
        }
        if (dtypeName is null || shape is null || offsets is null)
        {
            string missing = string.Join(", ", new[] { dtypeName is null ? "dtype" : null, shape is null ? "shape" : null, offsets is null ? "data_offsets" : null }.OfType<string>());
            throw new SafeTensorsException(source, $"tensor '{name}': missing {missing}.");
        }
        if (!SafeTensorsDType.TryParse(dtypeName, out ScalarType dtype))
            throw new SafeTensorsException(source, $"tensor '{name}': dtype '{dtypeName}' is not supported (known: {SafeTensorsDType.KnownNames}).");
        if (offsets.Length != 2)
            throw new SafeTensorsException(source, $"tensor '{name}': data_offsets has {offsets.Length} numbers; it needs exactly 2 (begin, end).");
        long begin = offsets[0], end = offsets[1];
        if (end < begin)
            throw new SafeTensorsException(source, $"tensor '{name}': data_offsets [{begin}, {end}] end before they begin.");
        long expectedBytes;
        try
        {
            long numel = 1;
            foreach (long s in shape) numel = checked(numel * s);
            expectedBytes = checked(numel * dtype.Bytes());
        }
        catch (OverflowException)
        {
            throw new SafeTensorsException(source, $"tensor '{name}': shape {FormatShape(shape)} has too many elements to exist.");
        }
        if (end - begin != expectedBytes)
            throw new SafeTensorsException(source,
                $"tensor '{name}': a {dtypeName} tensor of shape {FormatShape(shape)} needs {expectedBytes} bytes, but data_offsets [{begin}, {end}] span {end - begin}.");
        return new SafeTensorInfo(name, dtype, shape, begin, end);
    }

    private static long[] ReadLongs(JsonElement value, string tensor, string field, string source)
    {
        if (value.ValueKind != JsonValueKind.Array)
            throw new SafeTensorsException(source, $"tensor '{tensor}': {field} is {value.ValueKind}, not an array of whole numbers.");
        var result = new long[value.GetArrayLength()];
        int k = 0;
        foreach (JsonElement e in value.EnumerateArray())
        {
            if (e.ValueKind != JsonValueKind.Number || !e.TryGetInt64(out long v) || v < 0)
                throw new SafeTensorsException(source, $"tensor '{tensor}': {field} holds {e.GetRawText()}, but only whole numbers >= 0 are allowed.");
            result[k++] = v;
        }
        return result;
    }

    /// <summary>The tensors must tile [0, dataLength) exactly: sorted by begin, each starts where the previous ended.</summary>
    private static void CheckLayout(List<SafeTensorInfo> tensors, long dataLength, string source)
    {
        SafeTensorInfo? previous = null;
        long position = 0;
        foreach (SafeTensorInfo t in tensors.OrderBy(t => t.Begin).ThenBy(t => t.End))
        {
            if (t.Begin < position)
                throw new SafeTensorsException(source,
                    $"tensor '{t.Name}' (bytes [{t.Begin}, {t.End})) overlaps tensor '{previous!.Name}' (bytes [{previous.Begin}, {previous.End})). The file is corrupt.");
            if (t.Begin > position)
                throw new SafeTensorsException(source,
                    $"bytes [{position}, {t.Begin}) of the data section belong to no tensor (a gap before '{t.Name}'). The file is corrupt.");
            if (t.End > dataLength)
                throw new SafeTensorsException(source,
                    $"tensor '{t.Name}' ends at byte {t.End} of the data section, but the file holds only {dataLength} data bytes: the file is truncated.");
            position = t.End;
            previous = t;
        }
        if (position != dataLength)
            throw new SafeTensorsException(source,
                $"the tensors cover {position} bytes but the data section has {dataLength}: {dataLength - position} trailing bytes belong to no tensor. The file is corrupt.");
    }

    // ---- writing ---------------------------------------------------------------------------

    /// <summary>
    /// The header bytes for tensors laid out in the given order (offsets are assigned
    /// contiguously), padded with spaces so the data section starts at a multiple of 8.
    /// </summary>
    internal static byte[] Build(IReadOnlyList<(string Name, ScalarType DType, long[] Shape, long Bytes)> tensors, IReadOnlyDictionary<string, string>? metadata)
    {
        var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                w.WriteStartObject(MetadataKey);
                foreach (var (k, v) in metadata.OrderBy(e => e.Key, StringComparer.Ordinal)) w.WriteString(k, v);
                w.WriteEndObject();
            }
            long offset = 0;
            foreach (var (name, dtype, shape, bytes) in tensors)
            {
                SafeTensorsDType.TryName(dtype, out string dtypeName);
                w.WriteStartObject(name);
                w.WriteString("dtype", dtypeName);
                w.WriteStartArray("shape");
                foreach (long s in shape) w.WriteNumberValue(s);
                w.WriteEndArray();
                w.WriteStartArray("data_offsets");
                w.WriteNumberValue(offset);
                w.WriteNumberValue(offset + bytes);
                w.WriteEndArray();
                w.WriteEndObject();
                offset += bytes;
            }
            w.WriteEndObject();
        }
        int length = (int)buffer.Length;
        int padded = (8 + length + 7) / 8 * 8 - 8;
        var result = new byte[padded];
        buffer.GetBuffer().AsSpan(0, length).CopyTo(result);
        result.AsSpan(length).Fill((byte)' ');
        return result;
    }
}
