using GenCourse.Tests.Data;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using GenCourse.Checkpoints;

namespace GenCourse.Tests.Checkpoints;

public class SafeTensorsTests
{
    // ---- round trips -----------------------------------------------------------------------

    /// <summary>One tensor of each dtype with its expected little-endian bytes and safetensors dtype name.</summary>
    private static Dictionary<string, (Tensor Tensor, byte[] Bytes, string DType)> EveryDtype()
    {
        var rng = new Random(1234);
        var result = new Dictionary<string, (Tensor, byte[], string)>();

        // Special bit patterns first: a NaN with a payload, −0, +inf, the smallest subnormal.
        var f32 = new float[12];
        for (int k = 0; k < f32.Length; ++k) f32[k] = BitConverter.Int32BitsToSingle(rng.Next() ^ (rng.Next(2) << 31));
        f32[0] = BitConverter.Int32BitsToSingle(0x7FC01234);
        f32[1] = -0.0f;
        f32[2] = float.PositiveInfinity;
        f32[3] = BitConverter.Int32BitsToSingle(1);
        Add(result, "f32", f32, new long[] { 3, 4 }, "F32");

        var f64 = new double[5];
        for (int k = 0; k < f64.Length; ++k) f64[k] = BitConverter.Int64BitsToDouble(rng.NextInt64());
        f64[0] = BitConverter.Int64BitsToDouble(0x7FF8_0000_0000_ABCDL);
        f64[1] = -0.0;
        f64[2] = double.Epsilon;
        Add(result, "f64", f64, new long[] { 5 }, "F64");

        var f16 = new Half[6];
        for (int k = 0; k < f16.Length; ++k) f16[k] = BitConverter.Int16BitsToHalf((short)rng.Next(short.MinValue, short.MaxValue));
        f16[0] = BitConverter.Int16BitsToHalf(0x7E01);
        f16[1] = BitConverter.Int16BitsToHalf(0x0001);
        Add(result, "f16", f16, new long[] { 2, 3 }, "F16");

        // bfloat16 is the top half of a float32: floats whose low 16 bits are zero convert exactly.
        var bf16Bits = new ushort[] { 0x3FC0, 0xC000, 0x8000, 0x7F80, 0x0001, 0x4049, 0xBF80, 0x1234 };
        float[] bf16AsFloat = bf16Bits.Select(b => BitConverter.Int32BitsToSingle(b << 16)).ToArray();
        using (Tensor source = torch.tensor(bf16AsFloat, new long[] { 2, 4 }))
            result["bf16"] = (source.to(ScalarType.BFloat16), MemoryMarshal.AsBytes(bf16Bits.AsSpan()).ToArray(), "BF16");

        Add(result, "i64", new[] { long.MinValue, -1L, 0L, long.MaxValue }, new long[] { 2, 2 }, "I64");
        Add(result, "i32", new[] { int.MinValue, -7, 123456789, int.MaxValue }, new long[] { 4 }, "I32");
        Add(result, "i16", new short[] { short.MinValue, -2, short.MaxValue }, new long[] { 3 }, "I16");
        Add(result, "i8", new sbyte[] { sbyte.MinValue, -1, 0, 1, sbyte.MaxValue, 5, -5 }, new long[] { 7 }, "I8");
        Add(result, "u8", new byte[] { 0, 1, 127, 128, 200, 254, 255, 42 }, new long[] { 2, 2, 2 }, "U8");
        Add(result, "bool", new[] { true, false, false, true, true }, new long[] { 5 }, "BOOL");
        Add(result, "scalar", new[] { 2.5f }, Array.Empty<long>(), "F32");
        Add(result, "empty", Array.Empty<float>(), new long[] { 0, 3 }, "F32");
        return result;
    }

    private static void Add<T>(Dictionary<string, (Tensor, byte[], string)> d, string name, T[] values, long[] shape, string dtype) where T : unmanaged =>
        d[name] = (TensorOf(values, shape), MemoryMarshal.AsBytes(values.AsSpan()).ToArray(), dtype);

    // TorchSharp's factories are per element type; exact types, since the runtime lets a byte[] pass as sbyte[].
    private static Tensor TensorOf(Array values, long[] shape) => values switch
    {
        double[] v => torch.tensor(v, shape),
        Half[] v => torch.tensor(v, shape),
        float[] v => torch.tensor(v, shape),
        long[] v => torch.tensor(v, shape),
        int[] v => torch.tensor(v, shape),
        short[] v => torch.tensor(v, shape),
        sbyte[] v when v.GetType() == typeof(sbyte[]) => torch.tensor(Array.ConvertAll(v, x => (short)x), shape).to(ScalarType.Int8),
        byte[] v when v.GetType() == typeof(byte[]) => torch.tensor(v, shape),
        bool[] v => torch.tensor(v, shape),
        _ => throw new ArgumentException($"no test factory for {values.GetType().Name}"),
    };

    /// <summary>A tensor's bytes as stored: its values, little-endian, no conversion.</summary>
    private static byte[] BytesOf(Tensor t) => t.dtype switch
    {
        ScalarType.Float32 => MemoryMarshal.AsBytes(t.ToArray<float>().AsSpan()).ToArray(),
        ScalarType.Float64 => MemoryMarshal.AsBytes(t.ToArray<double>().AsSpan()).ToArray(),
        ScalarType.Float16 => MemoryMarshal.AsBytes(t.ToArray<Half>().AsSpan()).ToArray(),
        // float32 → bfloat16 bits: the top 16 bits (exact, as bfloat16 → float32 pads with zeros).
        ScalarType.BFloat16 => MemoryMarshal.AsBytes(t.ToArray<float>().Select(f => (ushort)(BitConverter.SingleToUInt32Bits(f) >> 16)).ToArray().AsSpan()).ToArray(),
        ScalarType.Int64 => MemoryMarshal.AsBytes(t.ToArray<long>().AsSpan()).ToArray(),
        ScalarType.Int32 => MemoryMarshal.AsBytes(t.ToArray<int>().AsSpan()).ToArray(),
        ScalarType.Int16 => MemoryMarshal.AsBytes(t.ToArray<short>().AsSpan()).ToArray(),
        ScalarType.Int8 => MemoryMarshal.AsBytes(t.ToArray<sbyte>().AsSpan()).ToArray(),
        ScalarType.Byte => t.ToArray<byte>(),
        ScalarType.Bool => t.ToArray<bool>().Select(b => b ? (byte)1 : (byte)0).ToArray(),
        _ => throw new ArgumentOutOfRangeException(nameof(t)),
    };

    [Fact]
    public void RoundTripIsBitExactForEveryDtype()
    {
        using var folder = new TempFolder();
        string path = folder.File("all.safetensors");
        using var scope = torch.NewDisposeScope();
        var expected = EveryDtype();
        SafeTensors.Save(path, expected.ToDictionary(e => e.Key, e => e.Value.Tensor));

        Dictionary<string, Tensor> loaded = SafeTensors.Load(path);
        Assert.Equal(expected.Keys.Order(), loaded.Keys.Order());
        foreach (var (name, (tensor, bytes, _)) in expected)
        {
            Tensor back = loaded[name];
            Assert.Equal(tensor.dtype, back.dtype);
            Assert.Equal(tensor.shape, back.shape);
            Assert.Equal(bytes, BytesOf(back));
        }
    }

    [Fact]
    public void FileHoldsEachDtypeUnderItsSafetensorsNameWithItsLittleEndianBytes()
    {
        using var folder = new TempFolder();
        string path = folder.File("all.safetensors");
        using var scope = torch.NewDisposeScope();
        var expected = EveryDtype();
        SafeTensors.Save(path, expected.ToDictionary(e => e.Key, e => e.Value.Tensor));

        byte[] file = File.ReadAllBytes(path);
        long n = (long)BinaryPrimitives.ReadUInt64LittleEndian(file);
        Assert.Equal(0, (8 + n) % 8);
        using JsonDocument json = JsonDocument.Parse(file.AsMemory(8, (int)n));
        foreach (var (name, (_, bytes, dtype)) in expected)
        {
            JsonElement entry = json.RootElement.GetProperty(name);
            Assert.Equal(dtype, entry.GetProperty("dtype").GetString());
            long begin = entry.GetProperty("data_offsets")[0].GetInt64();
            long end = entry.GetProperty("data_offsets")[1].GetInt64();
            Assert.Equal(bytes, file.AsSpan((int)(8 + n + begin), (int)(end - begin)).ToArray());
        }
    }

    [Fact]
    public void TinyFileMatchesTheFormatByteForByte()
    {
        using var folder = new TempFolder();
        string path = folder.File("tiny.safetensors");
        using var a = torch.tensor(new[] { 1.5f, -2f }, new long[] { 1, 2 });
        using var b = torch.tensor(new short[] { 1, -2 });
        SafeTensors.Save(path, new Dictionary<string, Tensor> { ["b"] = b, ["a"] = a }, new Dictionary<string, string> { ["k"] = "v" });

        // Metadata first; the 4-byte F32 tensor before the 2-byte I16 one; 135 bytes of JSON plus one
        // space make the data start at 8 + 136 = 144, a multiple of 8.
        const string json = "{\"__metadata__\":{\"k\":\"v\"},\"a\":{\"dtype\":\"F32\",\"shape\":[1,2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"I16\",\"shape\":[2],\"data_offsets\":[8,12]}}";
        Assert.Equal(135, json.Length);
        byte[] expected =
        [
            0x88, 0, 0, 0, 0, 0, 0, 0,                         // header size 136, u64 little-endian
            .. Encoding.ASCII.GetBytes(json + " "),
            0x00, 0x00, 0xC0, 0x3F, 0x00, 0x00, 0x00, 0xC0,    // 1.5f, −2f
            0x01, 0x00, 0xFE, 0xFF,                            // (short)1, (short)−2
        ];
        Assert.Equal(expected, File.ReadAllBytes(path));
    }

    [Fact]
    public void ReadsAFileFromAnotherWriterWithoutPaddingInAnyOrder()
    {
        // Header order differs from data order, there is no padding and no metadata.
        byte[] data = [1, 0, 1, 7, 8, 9];
        byte[] file = Build("{\"mask\":{\"dtype\":\"BOOL\",\"shape\":[3],\"data_offsets\":[0,3]},\"px\":{\"dtype\":\"U8\",\"shape\":[3,1],\"data_offsets\":[3,6]}}", data);
        using var scope = torch.NewDisposeScope();
        var loaded = SafeTensors.Load(new MemoryStream(file), "hand-built");
        Assert.Equal(new[] { "mask", "px" }, loaded.Keys);
        Assert.Equal(new[] { true, false, true }, loaded["mask"].ToArray<bool>());
        Assert.Equal(new byte[] { 7, 8, 9 }, loaded["px"].ToArray<byte>());
        Assert.Equal(new long[] { 3, 1 }, loaded["px"].shape);
    }

    [Fact]
    public void MetadataAndUnusualNamesRoundTrip()
    {
        using var folder = new TempFolder();
        string path = folder.File("meta.safetensors");
        using var t = torch.arange(6L).reshape(2, 3);
        const string name = "layer \"1\"/ü.weight";
        var metadata = new Dictionary<string, string> { ["format"] = "pt", ["note"] = "λ = 0.5, \"quoted\"\nline two" };
        SafeTensors.Save(path, new Dictionary<string, Tensor> { [name] = t }, metadata);

        SafeTensorsHeader header = SafeTensors.ReadHeader(path);
        Assert.Equal(metadata, header.Metadata);
        SafeTensorInfo info = Assert.Single(header.Tensors);
        Assert.Equal(name, info.Name);
        Assert.Equal(new long[] { 2, 3 }, info.Shape);
        using var scope = torch.NewDisposeScope();
        Assert.Equal(new long[] { 0, 1, 2, 3, 4, 5 }, SafeTensors.Load(path)[name].ToArray<long>());
    }

    [Fact]
    public void SavesTheValuesOfNonContiguousAndGradTrackingTensors()
    {
        using var folder = new TempFolder();
        string path = folder.File("views.safetensors");
        using var scope = torch.NewDisposeScope();
        Tensor m = torch.arange(6.0, 12.0).reshape(2, 3);
        Tensor transposed = m.t(); // [[6, 9], [7, 10], [8, 11]], not contiguous
        Tensor w = torch.ones(new long[] { 2 }, requires_grad: true);
        SafeTensors.Save(path, new Dictionary<string, Tensor> { ["t"] = transposed, ["w"] = w });
        var loaded = SafeTensors.Load(path);
        Assert.Equal(new float[] { 6, 9, 7, 10, 8, 11 }, loaded["t"].ToArray<float>());
        Assert.Equal(new long[] { 3, 2 }, loaded["t"].shape);
        Assert.False(loaded["w"].requires_grad);
    }

    [Fact]
    public void TensorsStartAtOffsetsAlignedToTheirElementSize()
    {
        using var folder = new TempFolder();
        string path = folder.File("align.safetensors");
        using var scope = torch.NewDisposeScope();
        var tensors = new Dictionary<string, Tensor>
        {
            ["a_u8"] = torch.zeros(new long[] { 3 }, ScalarType.Byte),
            ["b_f64"] = torch.zeros(new long[] { 1 }, ScalarType.Float64),
            ["c_i16"] = torch.zeros(new long[] { 1 }, ScalarType.Int16),
            ["d_f32"] = torch.zeros(new long[] { 3 }, ScalarType.Float32),
        };
        SafeTensors.Save(path, tensors);
        SafeTensorsHeader header = SafeTensors.ReadHeader(path);
        Assert.Equal(0, header.DataStart % 8);
        foreach (SafeTensorInfo info in header.Tensors)
            Assert.Equal(0, info.Begin % info.DType.ElementSize());
    }

    [Fact]
    public void SaveRejectsTheReservedNameAndDisposedTensorsBeforeWriting()
    {
        using var folder = new TempFolder();
        string path = folder.File("bad.safetensors");
        using var t = torch.zeros(2);
        var e = Assert.Throws<ArgumentException>(() => SafeTensors.Save(path, new Dictionary<string, Tensor> { ["__metadata__"] = t }));
        Assert.Contains("reserved", e.Message);
        var gone = torch.zeros(2);
        gone.Dispose();
        var d = Assert.Throws<ObjectDisposedException>(() => SafeTensors.Save(path, new Dictionary<string, Tensor> { ["gone"] = gone }));
        Assert.Contains("'gone'", d.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder.Path));
    }

    // ---- hostile and damaged files ---------------------------------------------------------

    /// <summary>[u64 little-endian size][header][data], with no padding.</summary>
    private static byte[] Build(string header, byte[] data)
    {
        byte[] json = Encoding.UTF8.GetBytes(header);
        var file = new byte[8 + json.Length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)json.Length);
        json.CopyTo(file, 8);
        data.CopyTo(file, 8 + json.Length);
        return file;
    }

    private static SafeTensorsException LoadFails(byte[] file)
    {
        using var scope = torch.NewDisposeScope();
        var e = Assert.Throws<SafeTensorsException>(() => SafeTensors.Load(new MemoryStream(file), "test.safetensors"));
        Assert.Equal(0, scope.DisposablesCount);
        Assert.StartsWith("test.safetensors: ", e.Message);
        return e;
    }

    public static TheoryData<string, int, string> BadHeaders => new()
    {
        { "{\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"y\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", 12, "tensor 'y' (bytes [4, 12)) overlaps tensor 'x' (bytes [0, 8))" },
        { "{\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},\"y\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}", 12, "bytes [4, 8) of the data section belong to no tensor" },
        { "{\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 10, "6 trailing bytes belong to no tensor" },
        { "{\"x\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8, "tensor 'x': a F32 tensor of shape [3] needs 12 bytes, but data_offsets [0, 8] span 8" },
        { "{\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", 4, "tensor 'x' ends at byte 8 of the data section, but the file holds only 4 data bytes: the file is truncated" },
        { "{\"x\":{\"dtype\":\"F8_E4M3\",\"shape\":[1],\"data_offsets\":[0,1]}}", 1, "tensor 'x': dtype 'F8_E4M3' is not supported" },
        { "{\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,0]}}", 4, "data_offsets [4, 0] end before they begin" },
        { "{\"x\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", 4, "shape holds -1, but only whole numbers >= 0 are allowed" },
        { "{\"x\":{\"dtype\":\"F32\",\"shape\":[1.5],\"data_offsets\":[0,4]}}", 4, "shape holds 1.5" },
        { "{\"x\":{\"dtype\":\"F32\",\"shape\":[1099511627776,1099511627776],\"data_offsets\":[0,4]}}", 4, "shape [1099511627776, 1099511627776] has too many elements" },
        { "{\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4,8]}}", 4, "data_offsets has 3 numbers" },
        { "{\"x\":{\"dtype\":\"F32\",\"shape\":[1]}}", 4, "tensor 'x': missing data_offsets" },
        { "{\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4],\"extra\":1}}", 4, "unknown field 'extra'" },
        { "{\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4, "header lists 'x' twice" },
        { "{\"x\":[1,2]}", 0, "tensor 'x': entry is Array" },
        { "{\"__metadata__\":{\"epochs\":10}}", 0, "metadata 'epochs' is Number, but metadata values must be strings" },
        { "{\"x\":{\"dtype\":\"F32\",", 0, "header is not valid JSON" },
        { "[1, 2]", 0, "header does not start with '{'" },
        { "{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":1}}}}}", 0, "header is not valid JSON" },
    };

    [Theory]
    [MemberData(nameof(BadHeaders))]
    public void BadHeaderIsAClearErrorNamingTheProblem(string header, int dataBytes, string expected)
    {
        SafeTensorsException e = LoadFails(Build(header, new byte[dataBytes]));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void EmptyHeaderIsAValidFileWithNoTensors()
    {
        using var scope = torch.NewDisposeScope();
        Assert.Empty(SafeTensors.Load(new MemoryStream(Build("{}", [])), "empty"));
    }

    [Fact]
    public void BooleanBytesOtherThanZeroOrOneAreRejected()
    {
        SafeTensorsException e = LoadFails(Build("{\"m\":{\"dtype\":\"BOOL\",\"shape\":[3],\"data_offsets\":[0,3]}}", [1, 0, 2]));
        Assert.Contains("tensor 'm' (BOOL) holds byte 2 at element 2", e.Message);
    }

    [Fact]
    public void TruncatedFileIsAClearErrorAtEveryCut()
    {
        using var folder = new TempFolder();
        string path = folder.File("ok.safetensors");
        using (var w = torch.arange(0.0, 10.0))
            SafeTensors.Save(path, new Dictionary<string, Tensor> { ["w"] = w });
        byte[] whole = File.ReadAllBytes(path);
        int headerEnd = 8 + (int)BinaryPrimitives.ReadUInt64LittleEndian(whole);
        foreach (int cut in new[] { 0, 5, 8, 20, headerEnd - 1, headerEnd, headerEnd + 3, whole.Length - 1 })
        {
            SafeTensorsException e = LoadFails(whole[..cut]);
            Assert.Contains(cut < 8 ? "too short" : "truncated", e.Message);
        }
    }

    [Fact]
    public void HugeHeaderSizeIsRejectedWithoutAllocatingIt()
    {
        byte[] small = Build("{}", []);
        foreach (ulong claimed in new[] { ulong.MaxValue, (ulong)SafeTensorsHeader.MaxHeaderBytes + 1, 1_000_000UL, 1UL })
        {
            BinaryPrimitives.WriteUInt64LittleEndian(small, claimed);
            long before = GC.GetAllocatedBytesForCurrentThread();
            SafeTensorsException e = LoadFails(small);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(allocated < 1_000_000, $"rejecting a header of {claimed} bytes allocated {allocated} bytes");
            Assert.Contains(claimed switch
            {
                ulong.MaxValue or (ulong)SafeTensorsHeader.MaxHeaderBytes + 1 => "more than the 100000000 allowed",
                1UL => "even an empty header",
                _ => "truncated",
            }, e.Message);
        }
    }

    [Fact]
    public void MissingFileNamesThePath()
    {
        using var folder = new TempFolder();
        string path = folder.File("nope.safetensors");
        var e = Assert.Throws<FileNotFoundException>(() => SafeTensors.Load(path));
        Assert.Contains(path, e.Message);
    }

    // ---- expected shapes -------------------------------------------------------------------

    [Fact]
    public void ShapeMismatchNamesTheTensorAndBothShapesAndLoadsNothing()
    {
        using var folder = new TempFolder();
        string path = folder.File("model.safetensors");
        using (var w = torch.zeros(4, 3))
        using (var b = torch.zeros(4))
        using (var extra = torch.zeros(1))
            SafeTensors.Save(path, new Dictionary<string, Tensor> { ["enc.weight"] = w, ["enc.bias"] = b, ["extra"] = extra });

        var expected = new Dictionary<string, long[]>
        {
            ["enc.weight"] = new long[] { 4, 2 },
            ["enc.bias"] = new long[] { 4 },
            ["dec.weight"] = new long[] { 3, 4 },
        };
        using var scope = torch.NewDisposeScope();
        var e = Assert.Throws<SafeTensorsException>(() => SafeTensors.Load(path, expected));
        Assert.Equal(0, scope.DisposablesCount);
        Assert.Contains("tensor 'enc.weight' has shape [4, 3] in the file but [4, 2] is expected", e.Message);
        Assert.Contains("tensor 'dec.weight' is missing (expected shape [3, 4])", e.Message);
        Assert.Contains("tensor 'extra' [1] is in the file but not expected", e.Message);
        Assert.DoesNotContain("enc.bias", e.Message);
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void MatchingExpectedShapesLoad()
    {
        using var folder = new TempFolder();
        string path = folder.File("model.safetensors");
        using (var w = torch.ones(4, 3))
            SafeTensors.Save(path, new Dictionary<string, Tensor> { ["w"] = w });
        using var scope = torch.NewDisposeScope();
        var loaded = SafeTensors.Load(path, new Dictionary<string, long[]> { ["w"] = new long[] { 4, 3 } });
        Assert.Equal(12f, loaded["w"].sum().ToSingle());
    }

    // ---- atomic saves ----------------------------------------------------------------------

    [Fact]
    public void SaveReplacesTheFileAndLeavesNoTemporaryFile()
    {
        using var folder = new TempFolder();
        string path = folder.File("ckpt.safetensors");
        using (var one = torch.ones(2))
            SafeTensors.Save(path, new Dictionary<string, Tensor> { ["w"] = one });
        using (var three = torch.full(new long[] { 3 }, 3.0))
            SafeTensors.Save(path, new Dictionary<string, Tensor> { ["w"] = three });
        Assert.Equal(new[] { path }, Directory.GetFiles(folder.Path));
        using var scope = torch.NewDisposeScope();
        Assert.Equal(new float[] { 3, 3, 3 }, SafeTensors.Load(path)["w"].ToArray<float>());
    }

    [Theory]
    [InlineData(4)]     // inside the size field
    [InlineData(60)]    // inside the header
    [InlineData(200)]   // inside the tensor data
    public void InterruptedSaveLeavesThePreviousCheckpointIntact(long failAfter)
    {
        using var folder = new TempFolder();
        string path = folder.File("ckpt.safetensors");
        using (var old = torch.ones(2))
            SafeTensors.Save(path, new Dictionary<string, Tensor> { ["w"] = old });
        byte[] before = File.ReadAllBytes(path);

        using (var bigger = torch.arange(0.0, 100.0))
        {
            var state = new Dictionary<string, Tensor> { ["w"] = bigger };
            Assert.Throws<IOException>(() => AtomicFile.Write(path, s => SafeTensors.Save(new FailingStream(s, failAfter), state)));
        }

        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(new[] { path }, Directory.GetFiles(folder.Path));
        using var scope = torch.NewDisposeScope();
        Assert.Equal(new float[] { 1, 1 }, SafeTensors.Load(path)["w"].ToArray<float>());
    }

    [Fact]
    public void LeftoverTemporaryFileFromAKilledSaveIsHarmless()
    {
        using var folder = new TempFolder();
        string path = folder.File("ckpt.safetensors");
        using (var old = torch.ones(2))
            SafeTensors.Save(path, new Dictionary<string, Tensor> { ["w"] = old });
        // What a process killed between writing and renaming leaves behind.
        string stray = folder.File(".ckpt.safetensors.0123456789abcdef0123456789abcdef.tmp");
        File.WriteAllBytes(stray, [1, 2, 3]);

        using (var scope = torch.NewDisposeScope())
            Assert.Equal(new float[] { 1, 1 }, SafeTensors.Load(path)["w"].ToArray<float>());
        using (var next = torch.zeros(2))
            SafeTensors.Save(path, new Dictionary<string, Tensor> { ["w"] = next });
        using (var scope = torch.NewDisposeScope())
            Assert.Equal(new float[] { 0, 0 }, SafeTensors.Load(path)["w"].ToArray<float>());
        Assert.Equal(new byte[] { 1, 2, 3 }, File.ReadAllBytes(stray));
    }

    // ---- devices -----------------------------------------------------------------------------

    [CudaFact]
    [Trait("Category", "Cuda")]
    public void SavesFromAndLoadsOntoTheGpu()
    {
        using var folder = new TempFolder();
        string path = folder.File("gpu.safetensors");
        using var scope = torch.NewDisposeScope();
        Tensor w = torch.arange(0.0, 6.0).reshape(2, 3).to(ScalarType.BFloat16).cuda();
        SafeTensors.Save(path, new Dictionary<string, Tensor> { ["w"] = w });
        Tensor back = SafeTensors.Load(path, CUDA)["w"];
        Assert.True(back.device_type == DeviceType.CUDA);
        Assert.Equal(ScalarType.BFloat16, back.dtype);
        Assert.Equal(new float[] { 0, 1, 2, 3, 4, 5 }, back.ToArray<float>());
    }
}
