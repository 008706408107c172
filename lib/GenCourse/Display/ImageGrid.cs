using System.Globalization;
using GenCourse.Display.Rendering;
using TorchSharp;
using static TorchSharp.torch;
using GenCourse.Engine;

namespace GenCourse.Display;

/// <summary>
/// A batch of images <c>[N, C, H, W]</c> (C = 1 or 3) tiled into one picture, row by row, like
/// torchvision's <c>make_grid</c>, with a title, optional captions under each image and optional
/// labels in front of each row. Shows inline as PNG.
/// </summary>
/// <remarks>
/// Values map to intensities t ∈ [0, 1] by <see cref="ImageRange"/>, then to 8 bits as
/// ⌊255·t + 0.5⌋ (torchvision's <c>save_image</c> rounding); t outside [0, 1] is clamped and
/// counted in <see cref="ClampedValues"/>. A NaN or infinite value is an error. A uint8 tensor is
/// read as 0–255 whatever the range. Each image pixel becomes a <c>scale</c>×<c>scale</c> block
/// (nearest neighbour), so pixels stay sharp.
/// </remarks>
[TypeFormatterSource(typeof(MimeFormatterSource<ImageGrid>), PreferredMimeTypes = new[] { Mime.Png, Mime.Plain })]
public sealed class ImageGrid : Figure, IMimeFormattable
{
    private const int Margin = 8, TitleGap = 8, CaptionGap = 3, RowLabelGap = 8;

    private readonly byte[] intensities;        // [N, C, H, W], 0–255
    private readonly string[]? captions, rowLabels;
    private readonly int padding;
    // layout, in pixels, shared by the PNG and the SVG
    private readonly int gridLeft, gridTop, cellHeight, figureWidth, figureHeight;

    /// <param name="title">What the images are, e.g. "Reconstructions after epoch 10".</param>
    /// <param name="images">
    /// <c>[N, C, H, W]</c> with C = 1 (grey) or 3 (RGB); <c>[N, H, W]</c> and <c>[H, W]</c> are read as grey.
    /// Any device and floating or uint8 dtype.
    /// </param>
    /// <param name="columns">Images per row (torchvision's default is 8).</param>
    /// <param name="scale">Screen pixels per image pixel along each axis, 1–16.</param>
    /// <param name="range">How values map to intensities.</param>
    /// <param name="captions">One short caption per image (cut to the image width), or null.</param>
    /// <param name="rowLabels">One label per row, drawn left of it (e.g. "input", "output"), or null.</param>
    /// <param name="padding">Pixels of white between images.</param>
    public ImageGrid(string title, Tensor images, int columns = 8, int scale = 2, ImageRange range = ImageRange.ZeroOne,
        IReadOnlyList<string>? captions = null, IReadOnlyList<string>? rowLabels = null, int padding = 2)
        : this(title, Read(images, out int n, out int c, out int h, out int w, out bool isBytes), n, c, h, w, columns, scale,
               isBytes ? null : range, captions, rowLabels, padding)
    {
    }

    /// <summary>Images from a flat row-major <c>[count, channels, height, width]</c> array.</summary>
    public ImageGrid(string title, float[] values, int count, int channels, int height, int width, int columns = 8, int scale = 2,
        ImageRange range = ImageRange.ZeroOne, IReadOnlyList<string>? captions = null, IReadOnlyList<string>? rowLabels = null, int padding = 2)
        : this(title, Widen(values), count, channels, height, width, columns, scale, range, captions, rowLabels, padding)
    {
    }

    // range == null: the values are already 0–255 bytes
    private ImageGrid(string title, double[] values, int count, int channels, int height, int width, int columns, int scale,
        ImageRange? range, IReadOnlyList<string>? captions, IReadOnlyList<string>? rowLabels, int padding) : base(title)
    {
        if (count < 1 || height < 1 || width < 1)
            throw new ArgumentException($"An image grid needs at least one image of at least 1×1 pixels, got {count} images of {height}×{width}.");
        if (channels is not (1 or 3))
            throw new ArgumentException($"An image grid shows grey (C = 1) or RGB (C = 3) images, got C = {channels}; select channels first, e.g. images.narrow(1, 0, 3).");
        if ((long)count * channels * height * width != values.Length)
            throw new ArgumentException($"{count}×{channels}×{height}×{width} images need {(long)count * channels * height * width} values, got {values.Length}.");
        if (columns < 1) throw new ArgumentOutOfRangeException(nameof(columns), columns, "An image grid needs at least one column.");
        Scale = scale is >= 1 and <= 16 ? scale : throw new ArgumentOutOfRangeException(nameof(scale), scale, "'scale' is 1 to 16 screen pixels per image pixel.");
        this.padding = padding is >= 0 and <= 64 ? padding : throw new ArgumentOutOfRangeException(nameof(padding), padding, "'padding' is 0 to 64 pixels.");
        Count = count;
        Channels = channels;
        ImageHeight = height;
        ImageWidth = width;
        Columns = Math.Min(columns, count);
        Rows = (count + Columns - 1) / Columns;
        Range = range;
        if (captions is not null && captions.Count != count)
            throw new ArgumentException($"Give one caption per image: {count} images but {captions.Count} captions.", nameof(captions));
        if (rowLabels is not null && rowLabels.Count != Rows)
            throw new ArgumentException($"Give one label per row: {Rows} rows of {Columns} images but {rowLabels.Count} row labels.", nameof(rowLabels));
        this.captions = captions?.Select(t => t ?? "").ToArray();
        this.rowLabels = rowLabels?.Select(t => t ?? "").ToArray();
        intensities = ToIntensities(values, count, channels * height * width, range, out int clamped);
        ClampedValues = clamped;

        // One layout for both backends, so that the SVG and the PNG agree: each text gets the
        // larger of its two sizes.
        cellHeight = height * Scale + (this.captions is null ? 0 : CaptionGap + TextHeight(TextRole.Caption));
        int labelWidth = this.rowLabels is null ? 0 : this.rowLabels.Max(l => TextWidth(l, TextRole.Label)) + RowLabelGap;
        int gridWidth = labelWidth + Columns * width * Scale + (Columns - 1) * this.padding;
        figureWidth = Math.Max(gridWidth, TextWidth(Title, TextRole.Title)) + 2 * Margin;
        gridLeft = (figureWidth - gridWidth) / 2 + labelWidth;
        gridTop = Margin + TextHeight(TextRole.Title) + TitleGap;
        figureHeight = gridTop + Rows * cellHeight + (Rows - 1) * this.padding + Margin;
    }

    private static int TextWidth(string text, TextRole role) =>
        (int)Math.Ceiling(Math.Max(RasterTextMetrics.Instance.Width(text, role), SvgTextMetrics.Instance.Width(text, role)));

    private static int TextHeight(TextRole role) =>
        (int)Math.Ceiling(Math.Max(RasterTextMetrics.Instance.Height(role), SvgTextMetrics.Instance.Height(role)));

    public int Count { get; }
    public int Channels { get; }
    public int ImageHeight { get; }
    public int ImageWidth { get; }
    public int Columns { get; }
    public int Rows { get; }
    public int Scale { get; }

    /// <summary>The value mapping used, or null for a uint8 tensor read as 0–255.</summary>
    public ImageRange? Range { get; }

    /// <summary>How many values fell outside the range and were clamped.</summary>
    public int ClampedValues { get; }

    /// <summary>Where image <paramref name="index"/> lies in the rendered figure (PNG and SVG alike), in pixels.</summary>
    public (int X, int Y, int Width, int Height) ImageBounds(int index)
    {
        if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index), index, $"The grid holds images 0 to {Count - 1}.");
        int row = index / Columns, col = index % Columns;
        return (gridLeft + col * (ImageWidth * Scale + padding), gridTop + row * (cellHeight + padding), ImageWidth * Scale, ImageHeight * Scale);
    }

    private static double[] Read(Tensor images, out int n, out int c, out int h, out int w, out bool isBytes)
    {
        ArgumentNullException.ThrowIfNull(images);
        long[] s = images.shape;
        (n, c, h, w) = s.Length switch
        {
            4 => ((int)s[0], (int)s[1], (int)s[2], (int)s[3]),
            3 => ((int)s[0], 1, (int)s[1], (int)s[2]),
            2 => (1, 1, (int)s[0], (int)s[1]),
            _ => throw new ArgumentException($"An image grid needs a tensor of shape [N, C, H, W] (or [N, H, W] for grey images), got [{string.Join(", ", s)}]; e.g. for flat MNIST vectors use x.view(-1, 1, 28, 28).", nameof(images)),
        };
        isBytes = images.dtype == ScalarType.Byte;
        if (!isBytes && images.dtype is not (ScalarType.Float16 or ScalarType.BFloat16 or ScalarType.Float32 or ScalarType.Float64))
            throw new ArgumentException($"An image grid reads floating-point images (or uint8 0–255), got dtype {images.dtype}; convert with .@float().", nameof(images));
        return images.ToArray<double>();
    }

    private static double[] Widen(float[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return Array.ConvertAll(values, v => (double)v);
    }

    private static byte[] ToIntensities(double[] v, int count, int perImage, ImageRange? range, out int clamped)
    {
        for (int i = 0; i < v.Length; ++i)
            if (!double.IsFinite(v[i]))
                throw new ArgumentException($"Image {i / perImage} holds {v[i]} at flat position {i % perImage}; images must be finite (a NaN here usually means training diverged).");
        var result = new byte[v.Length];
        int outside = 0;
        double batchLo = range == ImageRange.MinMax ? v.Min() : 0, batchHi = range == ImageRange.MinMax ? v.Max() : 1;
        for (int k = 0; k < count; ++k)
        {
            int o = k * perImage;
            double lo = 0, span = 1;
            switch (range)
            {
                case null: span = 255; break;
                case ImageRange.MinusOneOne: lo = -1; span = 2; break;
                case ImageRange.MinMax:
                    lo = batchLo;
                    span = Math.Max(batchHi - batchLo, 1e-5);
                    break;
                case ImageRange.MinMaxPerImage:
                    var image = new ArraySegment<double>(v, o, perImage);
                    lo = image.Min();
                    span = Math.Max(image.Max() - lo, 1e-5);
                    break;
            }
            for (int i = o; i < o + perImage; ++i)
            {
                double t = (v[i] - lo) / span;     // t = (v − lo)/(hi − lo)
                if (t < 0 || t > 1) { outside++; t = Math.Clamp(t, 0, 1); }
                result[i] = (byte)Math.Floor(255 * t + 0.5);
            }
        }
        clamped = outside;
        return result;
    }

    private protected override int Supersample => 1;

    private protected override (int Width, int Height) Measure(TextMetrics metrics) => (figureWidth, figureHeight);

    private protected override void Render(Surface s)
    {
        s.BeginGroup("title");
        s.Text(Title, figureWidth / 2.0, Margin, TextRole.Title, Color.Black, HAlign.Center, VAlign.Top);
        s.EndGroup();
        int perImage = Channels * ImageHeight * ImageWidth;
        s.BeginGroup("images");
        for (int k = 0; k < Count; ++k)
        {
            var (x, y, w, h) = ImageBounds(k);
            s.Pixels(x, y, w, h, Upscaled(k * perImage));
            if (captions is not null)
                s.Text(Fit(captions[k], w + padding - 2), x + w / 2.0, y + h + CaptionGap, TextRole.Caption, PlotFrame.Ink, HAlign.Center, VAlign.Top);
        }
        s.EndGroup();
        if (rowLabels is not null)
        {
            s.BeginGroup("row-labels");
            for (int r = 0; r < Rows; ++r)
            {
                var (x, y, _, h) = ImageBounds(r * Columns);
                s.Text(rowLabels[r], x - RowLabelGap, y + h / 2.0, TextRole.Label, PlotFrame.Ink, HAlign.Right, VAlign.Middle);
            }
            s.EndGroup();
        }
    }

    /// <summary>The caption, cut and ended with "…" when wider than <paramref name="room"/> pixels.</summary>
    private static string Fit(string text, int room)
    {
        if (TextWidth(text, TextRole.Caption) <= room) return text;
        for (int n = text.Length - 1; n > 0; --n)
        {
            string cut = text[..n] + "…";
            if (TextWidth(cut, TextRole.Caption) <= room) return cut;
        }
        return "…";
    }

    /// <summary>One image as RGB, each pixel repeated scale×scale.</summary>
    private byte[] Upscaled(int offset)
    {
        int w = ImageWidth * Scale, h = ImageHeight * Scale, plane = ImageHeight * ImageWidth;
        var rgb = new byte[w * h * 3];
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x)
            {
                int src = (y / Scale) * ImageWidth + x / Scale, dst = (y * w + x) * 3;
                for (int ch = 0; ch < 3; ++ch)
                    rgb[dst + ch] = intensities[offset + (Channels == 1 ? 0 : ch * plane) + src];
            }
        return rgb;
    }

    public override string ToString()
    {
        string range = Range switch
        {
            null => "uint8 0–255",
            ImageRange.ZeroOne => "[0, 1]",
            ImageRange.MinusOneOne => "[−1, 1]",
            ImageRange.MinMax => "min–max of the batch",
            _ => "min–max of each image",
        };
        string text = string.Create(CultureInfo.InvariantCulture,
            $"ImageGrid \"{Title}\": {Count} images {Channels}×{ImageHeight}×{ImageWidth} in {Rows} rows × {Columns} columns, scale {Scale}, values {range}");
        return ClampedValues > 0 ? text + $" ({ClampedValues} values outside the range were clamped)" : text;
    }

    static IReadOnlyList<string> IMimeFormattable.MimeTypes { get; } = [Mime.Png, Mime.Svg, Mime.Plain];

    bool IMimeFormattable.WriteMime(string mimeType, TextWriter writer) => WriteFigureMime(mimeType, writer);
}
