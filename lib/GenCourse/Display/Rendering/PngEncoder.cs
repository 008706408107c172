using System.Buffers.Binary;
using System.IO.Compression;

namespace GenCourse.Display.Rendering;

/// <summary>
/// Writes 8-bit PNG files (W3C PNG spec, 2nd ed.): signature, IHDR, one IDAT holding the
/// zlib stream of filtered scanlines, IEND; every chunk is length + type + data + CRC-32 of type+data.
/// </summary>
internal static class PngEncoder
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>
    /// Encodes row-major, interleaved 8-bit samples. <paramref name="channels"/>: 1 grey,
    /// 2 grey+alpha, 3 RGB, 4 RGBA (PNG colour types 0, 4, 2, 6).
    /// </summary>
    public static byte[] Encode(ReadOnlySpan<byte> pixels, int width, int height, int channels)
    {
        if (width <= 0 || height <= 0)
            throw new ArgumentException($"A PNG needs a positive size, got {width}×{height}.");
        if (channels is < 1 or > 4)
            throw new ArgumentException($"A PNG has 1 (grey), 2 (grey+alpha), 3 (RGB) or 4 (RGBA) channels, got {channels}.", nameof(channels));
        long expected = (long)width * height * channels;
        if (pixels.Length != expected)
            throw new ArgumentException($"{width}×{height}×{channels} pixels need {expected} bytes, got {pixels.Length}.", nameof(pixels));

        byte colourType = channels switch { 1 => 0, 2 => 4, 3 => 2, _ => 6 };
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(0), width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8;          // bit depth
        ihdr[9] = colourType;
        ihdr[10] = 0;         // compression: deflate
        ihdr[11] = 0;         // filter method 0 (five adaptive filters)
        ihdr[12] = 0;         // no interlace

        byte[] idat = Compress(FilterScanlines(pixels, width, height, channels));

        using var png = new MemoryStream(idat.Length + 64);
        png.Write(Signature);
        WriteChunk(png, "IHDR", ihdr);
        WriteChunk(png, "IDAT", idat);
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>Encodes RGB pixels, as 8-bit grey when every pixel has R = G = B (a third of the data).</summary>
    public static byte[] EncodeRgbCompact(ReadOnlySpan<byte> rgb, int width, int height)
    {
        if (rgb.Length % 3 != 0) throw new ArgumentException($"RGB data has a multiple of 3 bytes, got {rgb.Length}.", nameof(rgb));
        for (int i = 0; i < rgb.Length; i += 3)
            if (rgb[i] != rgb[i + 1] || rgb[i] != rgb[i + 2]) return Encode(rgb, width, height, 3);
        var grey = new byte[rgb.Length / 3];
        for (int i = 0; i < grey.Length; ++i) grey[i] = rgb[3 * i];
        return Encode(grey, width, height, 1);
    }

    private static void WriteChunk(Stream s, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        s.Write(word);
        Span<byte> typeBytes = stackalloc byte[4];
        for (int i = 0; i < 4; ++i) typeBytes[i] = (byte)type[i];
        s.Write(typeBytes);
        s.Write(data);
        uint crc = Crc32.Update(Crc32.Update(0xFFFFFFFFu, typeBytes), data) ^ 0xFFFFFFFFu;
        BinaryPrimitives.WriteUInt32BigEndian(word, crc);
        s.Write(word);
    }

    private static byte[] Compress(byte[] raw)
    {
        using var output = new MemoryStream(raw.Length / 4 + 64);
        using (var z = new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true)) z.Write(raw);
        return output.ToArray();
    }

    // Each scanline gets the filter (None, Sub, Up, Average, Paeth) whose output has the smallest
    // sum of |signed bytes|: the heuristic the PNG spec recommends (section 12.8) and libpng uses.
    private static byte[] FilterScanlines(ReadOnlySpan<byte> pixels, int width, int height, int bpp)
    {
        int stride = width * bpp;
        var output = new byte[(long)height * (stride + 1)];
        var prior = new byte[stride];                     // the row above; zeros above the first row
        var candidates = new byte[5][];
        for (int f = 0; f < 5; ++f) candidates[f] = new byte[stride];

        for (int y = 0; y < height; ++y)
        {
            ReadOnlySpan<byte> row = pixels.Slice(y * stride, stride);
            int best = 0;
            long bestScore = long.MaxValue;
            for (int f = 0; f < 5; ++f)
            {
                long score = Filter(f, row, prior, bpp, candidates[f]);
                if (score < bestScore) { bestScore = score; best = f; }
            }
            int o = y * (stride + 1);
            output[o] = (byte)best;
            candidates[best].CopyTo(output.AsSpan(o + 1, stride));
            row.CopyTo(prior);
        }
        return output;
    }

    private static long Filter(int type, ReadOnlySpan<byte> row, byte[] up, int bpp, byte[] dst)
    {
        long score = 0;
        for (int i = 0; i < row.Length; ++i)
        {
            int a = i >= bpp ? row[i - bpp] : 0;          // left
            int b = up[i];                                // above
            int c = i >= bpp ? up[i - bpp] : 0;           // above-left
            int predictor = type switch
            {
                0 => 0,
                1 => a,
                2 => b,
                3 => (a + b) >> 1,
                _ => Paeth(a, b, c),
            };
            byte v = (byte)(row[i] - predictor);
            dst[i] = v;
            score += v < 128 ? v : 256 - v;
        }
        return score;
    }

    /// <summary>The Paeth predictor: whichever of left, above, above-left is closest to left + above − above-left.</summary>
    internal static int Paeth(int a, int b, int c)
    {
        int p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        if (pa <= pb && pa <= pc) return a;
        return pb <= pc ? b : c;
    }
}
