using GenCourse.Checkpoints;
using GenCourse.Display.Rendering;

namespace GenCourse.Display;

/// <summary>
/// A PNG file held in memory. It shows inline as <c>image/png</c>; figures return one from
/// <see cref="Figure.AsPng"/> when a raster is wanted instead of SVG.
/// </summary>
[TypeFormatterSource(typeof(MimeFormatterSource<PngImage>), PreferredMimeTypes = new[] { Mime.Png, Mime.Plain })]
public sealed class PngImage : IMimeFormattable
{
    private readonly byte[] bytes;

    internal PngImage(byte[] bytes, int width, int height, string description)
    {
        this.bytes = bytes;
        Width = width;
        Height = height;
        Description = description;
    }

    /// <summary>
    /// Encodes row-major 8-bit pixels: <paramref name="channels"/> 1 (grey), 2 (grey+alpha),
    /// 3 (RGB) or 4 (RGBA), interleaved.
    /// </summary>
    public static PngImage FromPixels(byte[] pixels, int width, int height, int channels)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        return new PngImage(PngEncoder.Encode(pixels, width, height, channels), width, height, $"{width}×{height} image");
    }

    public int Width { get; }
    public int Height { get; }

    /// <summary>What the image shows (the figure's title, or its size).</summary>
    public string Description { get; }

    /// <summary>Size of the encoded file in bytes.</summary>
    public int Length => bytes.Length;

    /// <summary>A copy of the encoded file.</summary>
    public byte[] ToArray() => (byte[])bytes.Clone();

    /// <summary>The file as base64, the way notebooks store <c>image/png</c> outputs.</summary>
    public string ToBase64() => Convert.ToBase64String(bytes);

    /// <summary>Writes the file atomically (a temporary file, then a rename).</summary>
    public void Save(string path)
    {
        if (!string.Equals(Path.GetExtension(path), ".png", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"A PNG image is saved with the extension .png, not '{path}'.", nameof(path));
        AtomicFile.WriteAllBytes(path, bytes);
    }

    public override string ToString() => $"PNG {Width}×{Height} ({bytes.Length / 1024.0:0.0} KB): {Description}";

    static IReadOnlyList<string> IMimeFormattable.MimeTypes { get; } = [Mime.Png, Mime.Plain];

    bool IMimeFormattable.WriteMime(string mimeType, TextWriter writer)
    {
        switch (mimeType)
        {
            case Mime.Png: writer.Write(ToBase64()); return true;
            case Mime.Plain: writer.Write(ToString()); return true;
            default: return false;
        }
    }
}
