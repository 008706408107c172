using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace GenCourse.Tests.Display;

/// <summary>A decoded 8-bit, non-interlaced PNG: size, channels and row-major interleaved samples.</summary>
public sealed record DecodedPng(int Width, int Height, int ColorType, int Channels, byte[] Pixels, IReadOnlyList<string> ChunkTypes)
{
    /// <summary>The pixel at (x, y) as RGB (grey repeated).</summary>
    public (byte R, byte G, byte B) Rgb(int x, int y)
    {
        int i = (y * Width + x) * Channels;
        return Channels switch
        {
            1 or 2 => (Pixels[i], Pixels[i], Pixels[i]),
            _ => (Pixels[i], Pixels[i + 1], Pixels[i + 2]),
        };
    }
}

/// <summary>
/// A minimal PNG reader written for the tests, independent of the library's encoder: it checks
/// the signature, the length and CRC-32 of every chunk (a bit-by-bit CRC, not the library's
/// table), the IHDR fields, inflates the IDAT data and undoes all five scanline filters.
/// </summary>
public static class PngDecoder
{
    private static readonly byte[] Signature = [137, 80, 78, 71, 13, 10, 26, 10];

    /// <summary>CRC-32 (reflected polynomial 0xEDB88320) computed one bit at a time.</summary>
    public static uint Crc32(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (uint)-(int)(crc & 1));
        }
        return ~crc;
    }

    public static DecodedPng Decode(byte[] png)
    {
        Assert.True(png.AsSpan(0, 8).SequenceEqual(Signature), "PNG signature missing");
        int pos = 8, width = 0, height = 0, colorType = -1;
        var types = new List<string>();
        using var idat = new MemoryStream();
        while (pos < png.Length)
        {
            Assert.True(pos + 12 <= png.Length, "truncated chunk header");
            int length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(pos));
            Assert.InRange(length, 0, png.Length - pos - 12);
            string type = Encoding.ASCII.GetString(png, pos + 4, 4);
            ReadOnlySpan<byte> data = png.AsSpan(pos + 8, length);
            uint stored = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(pos + 8 + length));
            Assert.True(Crc32(png.AsSpan(pos + 4, length + 4)) == stored, $"CRC mismatch in chunk {type}");
            types.Add(type);
            if (type == "IHDR")
            {
                Assert.Equal(13, length);
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                Assert.Equal(8, data[8]);          // bit depth
                colorType = data[9];
                Assert.Equal(0, data[10]);         // deflate
                Assert.Equal(0, data[11]);         // filter method 0
                Assert.Equal(0, data[12]);         // not interlaced
            }
            else if (type == "IDAT")
            {
                idat.Write(data);
            }
            pos += 12 + length;
            if (type == "IEND") break;
        }
        Assert.Equal(png.Length, pos);
        Assert.Equal("IHDR", types[0]);
        Assert.Equal("IEND", types[^1]);
        int channels = colorType switch { 0 => 1, 4 => 2, 2 => 3, 6 => 4, _ => throw new Xunit.Sdk.XunitException($"unexpected colour type {colorType}") };

        idat.Position = 0;
        using var z = new ZLibStream(idat, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        z.CopyTo(raw);
        byte[] filtered = raw.ToArray();
        int stride = width * channels;
        Assert.Equal((long)height * (stride + 1), filtered.LongLength);

        var pixels = new byte[height * stride];
        for (int y = 0; y < height; ++y)
        {
            int filter = filtered[y * (stride + 1)];
            Assert.InRange(filter, 0, 4);
            for (int i = 0; i < stride; ++i)
            {
                int x = filtered[y * (stride + 1) + 1 + i];
                int a = i >= channels ? pixels[y * stride + i - channels] : 0;
                int b = y > 0 ? pixels[(y - 1) * stride + i] : 0;
                int c = i >= channels && y > 0 ? pixels[(y - 1) * stride + i - channels] : 0;
                int predicted = filter switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    _ => PaethPredictor(a, b, c),
                };
                pixels[y * stride + i] = (byte)(x + predicted);
            }
        }
        return new DecodedPng(width, height, colorType, channels, pixels, types);
    }

    private static int PaethPredictor(int a, int b, int c)
    {
        int p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
