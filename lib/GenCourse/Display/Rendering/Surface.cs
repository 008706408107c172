namespace GenCourse.Display.Rendering;

/// <summary>
/// What a figure draws on: one implementation writes SVG elements, the other rasterises for PNG,
/// so that each figure describes its drawing once.
/// </summary>
internal abstract class Surface
{
    protected Surface(int width, int height)
    {
        Width = width;
        Height = height;
    }

    public int Width { get; }
    public int Height { get; }
    public abstract TextMetrics Metrics { get; }

    public abstract void FillRect(Rect r, Color fill, double opacity = 1);
    public abstract void StrokeRect(Rect r, Color stroke, double width);
    public abstract void Line(PointD a, PointD b, Color stroke, double width);

    /// <summary>A connected line through the points, round joins and caps.</summary>
    public abstract void Polyline(IReadOnlyList<PointD> points, Color stroke, double width);

    /// <summary>Filled markers of one colour centred on the points.</summary>
    public abstract void Markers(IReadOnlyList<PointD> centers, Color fill, double radius, MarkerShape shape, double opacity);

    /// <summary>
    /// One line of text anchored at (x, y): <paramref name="h"/> places x along the text,
    /// <paramref name="v"/> places y across it. Vertical text reads upwards; its "top" faces left.
    /// </summary>
    public abstract void Text(string text, double x, double y, TextRole role, Color color,
        HAlign h = HAlign.Left, VAlign v = VAlign.Baseline, bool vertical = false);

    /// <summary>An RGB pixel block drawn 1:1 with its top-left corner at whole pixel (x, y).</summary>
    public abstract void Pixels(int x, int y, int width, int height, byte[] rgb);

    /// <summary>Starts a named group (an SVG &lt;g class=…&gt;; nothing in a raster).</summary>
    public virtual void BeginGroup(string cssClass, string? name = null) { }

    public virtual void EndGroup() { }
}
