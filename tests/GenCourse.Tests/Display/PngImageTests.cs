using System.Buffers.Binary;
using GenCourse.Display;

namespace GenCourse.Tests.Display;

public class PngImageTests
{
    [Fact]
    public void CrcOfTheTestDecoderMatchesTheStandardCheckValue()
    {
        // CRC-32 of the ASCII digits "123456789" is 0xCBF43926 (the catalogue's check value), and the
        // CRC of an empty IEND chunk's type is the 0xAE426082 found at the end of every PNG.
        Assert.Equal(0xCBF43926u, PngDecoder.Crc32("123456789"u8));
        Assert.Equal(0xAE426082u, PngDecoder.Crc32("IEND"u8));
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 4)]
    [InlineData(3, 2)]
    [InlineData(4, 6)]
    public void RandomPixelsRoundTripInEveryColourType(int channels, int colorType)
    {
        const int W = 37, H = 23;   // odd sizes: no row lines up with anything
        var rng = new Random(channels);
        var pixels = new byte[W * H * channels];
        // half noise, half smooth gradients, so that the encoder picks different filters per row
        for (int y = 0; y < H; ++y)
            for (int i = 0; i < W * channels; ++i)
                pixels[y * W * channels + i] = y % 2 == 0 ? (byte)rng.Next(256) : (byte)(3 * i + 7 * y);

        PngImage image = PngImage.FromPixels(pixels, W, H, channels);
        DecodedPng decoded = PngCheck.Validate(image.ToArray(), $"roundtrip-{channels}ch");

        Assert.Equal((W, H, colorType, channels), (decoded.Width, decoded.Height, decoded.ColorType, decoded.Channels));
        Assert.Equal(pixels, decoded.Pixels);
        Assert.Equal(["IHDR", "IDAT", "IEND"], decoded.ChunkTypes);
    }

    [Fact]
    public void HeaderHoldsSizeAndColourTypeBigEndian()
    {
        byte[] png = PngImage.FromPixels(new byte[300 * 2 * 3], 300, 2, 3).ToArray();
        // signature (8) + IHDR length (4) + "IHDR" (4), then width and height
        Assert.Equal(13, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(8)));
        Assert.Equal(300, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
        Assert.Equal(2, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
        Assert.Equal(8, png[24]);
        Assert.Equal(2, png[25]);
        PngCheck.Validate(png, "header-300x2");
    }

    [Fact]
    public void BadInputIsRejectedWithTheSizeItExpected()
    {
        var e = Assert.Throws<ArgumentException>(() => PngImage.FromPixels(new byte[10], 2, 2, 3));
        Assert.Contains("12 bytes", e.Message);
        Assert.Throws<ArgumentException>(() => PngImage.FromPixels(new byte[4], 2, 2, 5));
        Assert.Throws<ArgumentException>(() => PngImage.FromPixels([], 0, 2, 1));
    }

    [Fact]
    public void SaveWritesAtomicallyAndReplacesAnOldFile()
    {
        string dir = Path.Combine(PngCheck.OutputFolder, "save-" + Guid.NewGuid().ToString("N"));
        string path = Path.Combine(dir, "image.png");
        PngImage.FromPixels([0, 0, 0, 0], 2, 2, 1).Save(path);
        PngImage.FromPixels([255, 255, 255, 255], 2, 2, 1).Save(path);

        Assert.Equal(["image.png"], Directory.GetFiles(dir).Select(Path.GetFileName));
        PngCheck.AssertFileValid(path);
        Assert.All(PngDecoder.Decode(File.ReadAllBytes(path)).Pixels, p => Assert.Equal(255, p));
        Assert.Throws<ArgumentException>(() => PngImage.FromPixels([0], 1, 1, 1).Save(Path.Combine(dir, "image.jpg")));
    }

    [Fact]
    public void Base64IsTheFileAndPlainTextDescribesIt()
    {
        PngImage image = PngImage.FromPixels(new byte[4 * 3 * 3], 4, 3, 3);
        Assert.Equal(image.ToArray(), Convert.FromBase64String(image.ToBase64()));
        Assert.StartsWith("PNG 4×3", image.ToString());
    }

    [Fact]
    public void PngcheckCatchesACorruptedFile()
    {
        byte[] png = PngImage.FromPixels(new byte[16], 4, 4, 1).ToArray();
        png[^5] ^= 0xFF;   // a byte of IEND's CRC
        string path = Path.Combine(PngCheck.OutputFolder, "corrupted.png");
        File.WriteAllBytes(path, png);
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => PngCheck.AssertFileValid(path));
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => PngDecoder.Decode(png));
    }
}
