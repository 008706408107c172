namespace GenCourse.Display.Rendering;

/// <summary>One legend row: a swatch (a line, a marker or both) and its label.</summary>
internal sealed record LegendEntry(string Label, Color Color, bool Line, bool Marker, MarkerShape Shape = MarkerShape.Circle);

/// <summary>A boxed legend, placed in a corner of the plot area that no data crosses, or beside the plot.</summary>
internal static class Legend
{
    private const double Inset = 8, Swatch = 22, Gap = 6, Margin = 8;

    private static double RowHeight(TextMetrics m) => Math.Max(m.Height(TextRole.Legend) + 6, 14);

    public static (double Width, double Height) Measure(TextMetrics m, IReadOnlyList<LegendEntry> entries)
    {
        double text = entries.Count == 0 ? 0 : entries.Max(e => m.Width(e.Label, TextRole.Legend));
        return (Math.Ceiling(2 * Inset + Swatch + Gap + text), Math.Ceiling(2 * Inset - 6 + entries.Count * RowHeight(m)));
    }

    /// <summary>Width to reserve on the right of the plot area for a legend outside it.</summary>
    public static double OutsideReserve(TextMetrics m, IReadOnlyList<LegendEntry> entries) => Measure(m, entries).Width + 2 * Margin;

    /// <summary>
    /// The first of the four inside corners (top right, top left, bottom right, bottom left) that
    /// holds none of <paramref name="data"/>, or null when every corner does.
    /// </summary>
    public static Rect? PlaceInside(Rect area, (double Width, double Height) size, IReadOnlyList<PointD> data)
    {
        double l = area.X + Margin, r = area.Right - Margin - size.Width;
        double t = area.Y + Margin, b = area.Bottom - Margin - size.Height;
        if (r < l || b < t) return null;
        foreach (var (x, y) in new[] { (r, t), (l, t), (r, b), (l, b) })
        {
            var box = new Rect(x - 4, y - 4, size.Width + 8, size.Height + 8);
            if (!data.Any(box.Contains)) return new Rect(x, y, size.Width, size.Height);
        }
        return null;
    }

    /// <summary>The box beside the plot area, its top level with the area's top.</summary>
    public static Rect Outside(Rect area, (double Width, double Height) size) =>
        new(area.Right + Margin, area.Y, size.Width, size.Height);

    public static void Draw(Surface s, Rect box, IReadOnlyList<LegendEntry> entries, double lineWidth, double markerRadius)
    {
        TextMetrics m = s.Metrics;
        double row = RowHeight(m);
        s.BeginGroup("legend");
        s.FillRect(box, Color.White, 0.9);
        s.StrokeRect(box, Color.FromHex("#BBBBBB"), 1);
        for (int i = 0; i < entries.Count; ++i)
        {
            LegendEntry e = entries[i];
            double cy = box.Y + Inset + (i + 0.5) * row - 3;
            double x0 = box.X + Inset;
            s.BeginGroup("legend-entry", e.Label);
            if (e.Line) s.Line(new PointD(x0, cy), new PointD(x0 + Swatch, cy), e.Color, lineWidth);
            if (e.Marker) s.Markers([new PointD(x0 + Swatch / 2, cy)], e.Color, markerRadius, e.Shape, 1);
            s.Text(e.Label, x0 + Swatch + Gap, cy, TextRole.Legend, PlotFrame.Ink, HAlign.Left, VAlign.Middle);
            s.EndGroup();
        }
        s.EndGroup();
    }
}
