namespace GenCourse.Display.Rendering;

/// <summary>Draws on a <see cref="Canvas"/> and encodes the result as PNG.</summary>
internal sealed class RasterSurface : Surface
{
    private readonly Canvas canvas;

    // supersample: subpixels per pixel for antialiasing (1 keeps image pixels exact)
    public RasterSurface(int width, int height, int supersample = 3) : base(width, height)
    {
        canvas = new Canvas(width, height, supersample, Color.White);
    }

    public override TextMetrics Metrics => RasterTextMetrics.Instance;

    public override void FillRect(Rect r, Color fill, double opacity = 1) =>
        canvas.FillRect(r.X, r.Y, r.Width, r.Height, fill, opacity);

    // A 1-pixel stroke centred on the edge would smear over two pixels; snap the frame to pixel
    // boundaries and fill it as four bands instead.
    public override void StrokeRect(Rect r, Color stroke, double width)
    {
        double x0 = Math.Round(r.X), y0 = Math.Round(r.Y), x1 = Math.Round(r.Right), y1 = Math.Round(r.Bottom);
        double w = Math.Max(1, Math.Round(width)), half = Math.Floor(w / 2);
        canvas.FillRect(x0 - half, y0 - half, x1 - x0 + w, w, stroke);
        canvas.FillRect(x0 - half, y1 - half, x1 - x0 + w, w, stroke);
        canvas.FillRect(x0 - half, y0 - half, w, y1 - y0 + w, stroke);
        canvas.FillRect(x1 - half, y0 - half, w, y1 - y0 + w, stroke);
    }

    public override void Line(PointD a, PointD b, Color stroke, double width)
    {
        // Axis-parallel hairlines (ticks, grid) are snapped to whole pixels so they stay sharp.
        if (a.X == b.X && width <= 1.5)
        {
            double x = Math.Floor(a.X);
            canvas.FillRect(x, Math.Min(a.Y, b.Y), 1, Math.Abs(b.Y - a.Y), stroke);
        }
        else if (a.Y == b.Y && width <= 1.5)
        {
            double y = Math.Floor(a.Y);
            canvas.FillRect(Math.Min(a.X, b.X), y, Math.Abs(b.X - a.X), 1, stroke);
        }
        else
        {
            canvas.Segment(a.X, a.Y, b.X, b.Y, width, stroke);
        }
    }

    public override void Polyline(IReadOnlyList<PointD> points, Color stroke, double width)
    {
        if (points.Count == 1) canvas.Disc(points[0].X, points[0].Y, width / 2, stroke);
        for (int i = 1; i < points.Count; ++i)
            canvas.Segment(points[i - 1].X, points[i - 1].Y, points[i].X, points[i].Y, width, stroke);
    }

    public override void Markers(IReadOnlyList<PointD> centers, Color fill, double radius, MarkerShape shape, double opacity)
    {
        foreach (PointD p in centers)
        {
            if (shape == MarkerShape.Circle) canvas.Disc(p.X, p.Y, radius, fill, opacity);
            else canvas.FillRect(p.X - radius, p.Y - radius, 2 * radius, 2 * radius, fill, opacity);
        }
    }

    public override void Text(string text, double x, double y, TextRole role, Color color,
        HAlign h = HAlign.Left, VAlign v = VAlign.Baseline, bool vertical = false)
    {
        if (text.Length == 0) return;
        int k = RasterTextMetrics.Scale(role);
        double length = BitmapFont.MeasureWidth(text, k);
        double along = h switch { HAlign.Left => 0, HAlign.Center => length / 2, _ => length };
        double across = v switch
        {
            VAlign.Top => 0,
            VAlign.Middle => BitmapFont.CapHeight * k / 2.0,
            VAlign.Baseline => BitmapFont.CapHeight * k,
            _ => BitmapFont.GlyphHeight * k,
        };
        if (vertical)
            canvas.Text(text, (int)Math.Round(x - across), (int)Math.Round(y - length + along), k, color, vertical: true);
        else
            canvas.Text(text, (int)Math.Round(x - along), (int)Math.Round(y - across), k, color);
    }

    public override void Pixels(int x, int y, int width, int height, byte[] rgb) => canvas.Pixels(x, y, width, height, rgb);

    /// <summary>The drawing as row-major RGB bytes.</summary>
    public byte[] ToRgb() => canvas.ToRgb();

    /// <summary>The drawing as a PNG file (grey when every pixel is grey).</summary>
    public byte[] ToPng() => PngEncoder.EncodeRgbCompact(canvas.ToRgb(), Width, Height);
}
