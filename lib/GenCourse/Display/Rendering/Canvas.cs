namespace GenCourse.Display.Rendering;

/// <summary>
/// An RGB raster drawn at <c>supersample</c>× the output resolution and box-filtered down,
/// which antialiases lines and markers by area coverage. Coordinates are output pixels,
/// (0, 0) being the top-left corner of the top-left pixel. Text and images land on whole
/// output pixels so that they stay crisp.
/// </summary>
internal sealed class Canvas
{
    private readonly int s;          // subpixels per output pixel along each axis
    private readonly int sw, sh;     // size in subpixels
    private readonly byte[] rgb;     // sw × sh × 3

    public Canvas(int width, int height, int supersample, Color background)
    {
        if (width <= 0 || height <= 0) throw new ArgumentException($"A canvas needs a positive size, got {width}×{height}.");
        if (supersample is < 1 or > 8) throw new ArgumentOutOfRangeException(nameof(supersample), supersample, "Supersampling is 1 to 8 subpixels per pixel.");
        Width = width;
        Height = height;
        s = supersample;
        sw = width * s;
        sh = height * s;
        rgb = new byte[(long)sw * sh * 3];
        for (int i = 0; i < rgb.Length; i += 3)
        {
            rgb[i] = background.R;
            rgb[i + 1] = background.G;
            rgb[i + 2] = background.B;
        }
    }

    public int Width { get; }
    public int Height { get; }

    private void Blend(int px, int py, Color c, double alpha)
    {
        if ((uint)px >= (uint)sw || (uint)py >= (uint)sh) return;
        long i = ((long)py * sw + px) * 3;
        if (alpha >= 1)
        {
            rgb[i] = c.R;
            rgb[i + 1] = c.G;
            rgb[i + 2] = c.B;
            return;
        }
        // over operator on an opaque background: dst = α·src + (1 − α)·dst
        rgb[i] = (byte)Math.Round(alpha * c.R + (1 - alpha) * rgb[i]);
        rgb[i + 1] = (byte)Math.Round(alpha * c.G + (1 - alpha) * rgb[i + 1]);
        rgb[i + 2] = (byte)Math.Round(alpha * c.B + (1 - alpha) * rgb[i + 2]);
    }

    /// <summary>Fills the subpixels whose centres fall inside the rectangle.</summary>
    public void FillRect(double x, double y, double w, double h, Color c, double alpha = 1)
    {
        int x0 = Math.Max(0, (int)Math.Round(x * s)), x1 = Math.Min(sw, (int)Math.Round((x + w) * s));
        int y0 = Math.Max(0, (int)Math.Round(y * s)), y1 = Math.Min(sh, (int)Math.Round((y + h) * s));
        for (int py = y0; py < y1; ++py)
            for (int px = x0; px < x1; ++px) Blend(px, py, c, alpha);
    }

    /// <summary>
    /// A line of the given width with round ends: every subpixel whose centre lies within
    /// width/2 of the segment (a capsule). Per row, only the x-range near the line is tested:
    /// |x − x_line(y)| ≤ r·|d|/|d_y|.
    /// </summary>
    public void Segment(double x1, double y1, double x2, double y2, double width, Color c, double alpha = 1)
    {
        double ax = x1 * s, ay = y1 * s, bx = x2 * s, by = y2 * s, r = width * s / 2;
        double dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy, r2 = r * r;
        int py0 = Math.Max(0, (int)Math.Floor(Math.Min(ay, by) - r));
        int py1 = Math.Min(sh - 1, (int)Math.Ceiling(Math.Max(ay, by) + r));
        double bxLo = Math.Min(ax, bx) - r, bxHi = Math.Max(ax, bx) + r;
        for (int py = py0; py <= py1; ++py)
        {
            double cy = py + 0.5, lo = bxLo, hi = bxHi;
            if (Math.Abs(dy) > 1e-9)
            {
                double xLine = ax + (cy - ay) * dx / dy, half = r * Math.Sqrt(len2) / Math.Abs(dy);
                lo = Math.Max(lo, xLine - half);
                hi = Math.Min(hi, xLine + half);
            }
            int px0 = Math.Max(0, (int)Math.Floor(lo)), px1 = Math.Min(sw - 1, (int)Math.Ceiling(hi));
            for (int px = px0; px <= px1; ++px)
            {
                double cx = px + 0.5;
                double t = len2 > 0 ? Math.Clamp(((cx - ax) * dx + (cy - ay) * dy) / len2, 0, 1) : 0;
                double ex = cx - (ax + t * dx), ey = cy - (ay + t * dy);
                if (ex * ex + ey * ey <= r2) Blend(px, py, c, alpha);
            }
        }
    }

    /// <summary>A filled disc.</summary>
    public void Disc(double cx, double cy, double radius, Color c, double alpha = 1) =>
        Segment(cx, cy, cx, cy, 2 * radius, c, alpha);

    /// <summary>
    /// Text in the bitmap font, <paramref name="scale"/> output pixels per font pixel, its box's
    /// top-left corner at (<paramref name="x"/>, <paramref name="y"/>). Vertical text is turned
    /// 90° counter-clockwise (it reads upwards), its box then 9·scale wide and as tall as the text is long.
    /// </summary>
    public void Text(string text, int x, int y, int scale, Color c, bool vertical = false)
    {
        int length = BitmapFont.MeasureWidth(text, scale);
        int block = scale * s;
        for (int k = 0; k < text.Length; ++k)
        {
            ulong glyph = BitmapFont.Glyph(text[k]);
            if (glyph == 0) continue;
            for (int row = 0; row < BitmapFont.GlyphHeight; ++row)
                for (int col = 0; col < BitmapFont.GlyphWidth; ++col)
                {
                    if (!BitmapFont.Ink(glyph, col, row)) continue;
                    int u = (k * BitmapFont.Advance + col) * scale;   // along the text
                    int v = row * scale;                              // down the glyph
                    // horizontal: (x + u, y + v); vertical: (x + v, y + length − scale − u)
                    int ox = vertical ? x + v : x + u;
                    int oy = vertical ? y + length - scale - u : y + v;
                    for (int by = 0; by < block; ++by)
                        for (int bx = 0; bx < block; ++bx) Blend(ox * s + bx, oy * s + by, c, 1);
                }
        }
    }

    /// <summary>Copies an RGB block 1:1 onto whole output pixels, its top-left at (x, y).</summary>
    public void Pixels(int x, int y, int width, int height, ReadOnlySpan<byte> pixels)
    {
        if (pixels.Length != width * height * 3)
            throw new ArgumentException($"{width}×{height} RGB pixels need {width * height * 3} bytes, got {pixels.Length}.");
        for (int j = 0; j < height; ++j)
            for (int i = 0; i < width; ++i)
            {
                int p = (j * width + i) * 3;
                var c = new Color(pixels[p], pixels[p + 1], pixels[p + 2]);
                for (int by = 0; by < s; ++by)
                    for (int bx = 0; bx < s; ++bx) Blend((x + i) * s + bx, (y + j) * s + by, c, 1);
            }
    }

    /// <summary>The output image, row-major RGB: each pixel is the mean of its s×s subpixels.</summary>
    public byte[] ToRgb()
    {
        if (s == 1) return (byte[])rgb.Clone();
        var result = new byte[Width * Height * 3];
        int n = s * s;
        for (int y = 0; y < Height; ++y)
            for (int x = 0; x < Width; ++x)
                for (int ch = 0; ch < 3; ++ch)
                {
                    int sum = 0;
                    for (int by = 0; by < s; ++by)
                    {
                        long row = ((long)(y * s + by) * sw + x * s) * 3 + ch;
                        for (int bx = 0; bx < s; ++bx) sum += rgb[row + bx * 3];
                    }
                    result[(y * Width + x) * 3 + ch] = (byte)((sum + n / 2) / n);
                }
        return result;
    }
}
