namespace GenCourse.Display.Rendering;

/// <summary>
/// The parts every plot shares: title, plot area, frame, grid, ticks with labels, axis labels,
/// and an optional note under the figure. Margins come from the text sizes, so nothing is clipped.
/// </summary>
internal sealed class PlotFrame
{
    public const double Pad = 10;
    private const double TickLength = 5, TickGap = 4, LabelGap = 8, TitleGap = 10;
    public static readonly Color Ink = Color.FromHex("#333333");
    public static readonly Color Faint = Color.FromHex("#E6E6E6");
    public static readonly Color NoteInk = Color.FromHex("#666666");

    private readonly string title, xLabel, yLabel;
    private readonly string? note;
    private readonly IReadOnlyList<Tick> xTicks, yTicks;

    private PlotFrame(string title, string xLabel, string yLabel, IReadOnlyList<Tick> xTicks, IReadOnlyList<Tick> yTicks, string? note, Rect area, int width, int height)
    {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.xTicks = xTicks;
        this.yTicks = yTicks;
        this.note = note;
        Area = area;
        Width = width;
        Height = height;
    }

    /// <summary>Where the data goes.</summary>
    public Rect Area { get; }
    public int Width { get; }
    public int Height { get; }

    /// <summary>Space around the plot area, from the texts that surround it.</summary>
    public readonly record struct Margins(double Left, double Top, double Right, double Bottom);

    public static Margins Measure(TextMetrics m, IReadOnlyList<Tick> xTicks, IReadOnlyList<Tick> yTicks, bool hasNote, double rightReserve)
    {
        double top = Pad + m.Height(TextRole.Title) + TitleGap;
        double yTickWidth = yTicks.Count == 0 ? 0 : yTicks.Max(t => m.Width(t.Label, TextRole.Tick));
        double left = Pad + m.Height(TextRole.Label) + LabelGap + yTickWidth + TickGap + TickLength;
        double bottom = TickLength + TickGap + m.Height(TextRole.Tick) + LabelGap + m.Height(TextRole.Label) + Pad;
        if (hasNote) bottom += m.Height(TextRole.Note) + 4;
        double lastX = xTicks.Count == 0 ? 0 : m.Width(xTicks[^1].Label, TextRole.Tick) / 2;
        double right = Math.Max(Pad, lastX + 2) + rightReserve;
        return new Margins(Math.Ceiling(left), Math.Ceiling(top), Math.Ceiling(right), Math.Ceiling(bottom));
    }

    /// <summary>Lays the frame out in a figure of the given size.</summary>
    public static PlotFrame Layout(TextMetrics m, int width, int height, string title, string xLabel, string yLabel,
        IReadOnlyList<Tick> xTicks, IReadOnlyList<Tick> yTicks, string? note = null, double rightReserve = 0)
    {
        Margins g = Measure(m, xTicks, yTicks, note is not null, rightReserve);
        var area = new Rect(g.Left, g.Top, width - g.Left - g.Right, height - g.Top - g.Bottom);
        if (area.Width < 40 || area.Height < 40)
            throw new InvalidOperationException($"A {width}×{height} figure leaves no room for the plot once its labels are placed; make it larger.");
        return new PlotFrame(title, xLabel, yLabel, xTicks, yTicks, note, area, width, height);
    }

    /// <summary>
    /// Lays the frame out with as many x ticks as fit: starting from one per ~80 px, fewer
    /// until the labels stand apart.
    /// </summary>
    public static PlotFrame LayoutFittingXTicks(TextMetrics m, int width, int height, string title, string xLabel, string yLabel,
        Func<int, List<Tick>> xTicksFor, IReadOnlyList<Tick> yTicks, string? note, double rightReserve)
    {
        for (int target = Math.Max(2, width / 80); ; target--)
        {
            List<Tick> xTicks = xTicksFor(target);
            PlotFrame frame = Layout(m, width, height, title, xLabel, yLabel, xTicks, yTicks, note, rightReserve);
            double labels = xTicks.Sum(t => m.Width(t.Label, TextRole.Tick) + 12);
            if (labels <= frame.Area.Width || target <= 2) return frame;
        }
    }

    /// <summary>Lays the frame out around a plot area of a given size; the figure grows to fit.</summary>
    public static PlotFrame AroundArea(TextMetrics m, double areaWidth, double areaHeight, string title, string xLabel, string yLabel,
        IReadOnlyList<Tick> xTicks, IReadOnlyList<Tick> yTicks, string? note = null, double rightReserve = 0)
    {
        Margins g = Measure(m, xTicks, yTicks, note is not null, rightReserve);
        int width = (int)Math.Ceiling(g.Left + areaWidth + g.Right);
        int height = (int)Math.Ceiling(g.Top + areaHeight + g.Bottom);
        // the title may be wider than the plot: widen the figure rather than clip it
        width = Math.Max(width, (int)Math.Ceiling(m.Width(title, TextRole.Title) + 2 * Pad));
        return new PlotFrame(title, xLabel, yLabel, xTicks, yTicks, note, new Rect(g.Left, g.Top, areaWidth, areaHeight), width, height);
    }

    /// <summary>Grid lines at the labelled ticks, drawn before the data.</summary>
    public void DrawGrid(Surface s, Func<double, double> mapX, Func<double, double> mapY)
    {
        s.BeginGroup("grid");
        foreach (Tick t in xTicks.Where(t => t.Major))
        {
            double x = mapX(t.Value);
            s.Line(new PointD(x, Area.Y), new PointD(x, Area.Bottom), Faint, 1);
        }
        foreach (Tick t in yTicks.Where(t => t.Major))
        {
            double y = mapY(t.Value);
            s.Line(new PointD(Area.X, y), new PointD(Area.Right, y), Faint, 1);
        }
        s.EndGroup();
    }

    /// <summary>Frame, ticks, tick labels, axis labels, title and note, drawn after the data.</summary>
    public void DrawAxes(Surface s, Func<double, double> mapX, Func<double, double> mapY)
    {
        TextMetrics m = s.Metrics;
        s.BeginGroup("axes");
        s.StrokeRect(Area, Ink, 1);
        s.BeginGroup("x-axis");
        foreach (Tick t in xTicks)
        {
            double x = mapX(t.Value), len = t.Major ? TickLength : TickLength / 2;
            s.Line(new PointD(x, Area.Bottom), new PointD(x, Area.Bottom + len), Ink, 1);
            if (t.Label.Length > 0)
                s.Text(t.Label, x, Area.Bottom + TickLength + TickGap, TextRole.Tick, Ink, HAlign.Center, VAlign.Top);
        }
        double xLabelTop = Area.Bottom + TickLength + TickGap + m.Height(TextRole.Tick) + LabelGap;
        s.Text(xLabel, Area.CenterX, xLabelTop, TextRole.Label, Ink, HAlign.Center, VAlign.Top);
        s.EndGroup();
        s.BeginGroup("y-axis");
        foreach (Tick t in yTicks)
        {
            double y = mapY(t.Value), len = t.Major ? TickLength : TickLength / 2;
            s.Line(new PointD(Area.X - len, y), new PointD(Area.X, y), Ink, 1);
            if (t.Label.Length > 0)
                s.Text(t.Label, Area.X - TickLength - TickGap, y, TextRole.Tick, Ink, HAlign.Right, VAlign.Middle);
        }
        s.Text(yLabel, Pad, Area.CenterY, TextRole.Label, Ink, HAlign.Center, VAlign.Top, vertical: true);
        s.EndGroup();
        s.EndGroup();
        DrawTitleAndNote(s);
    }

    /// <summary>The title centred over the plot area (kept inside the figure) and the note at the bottom left.</summary>
    public void DrawTitleAndNote(Surface s)
    {
        TextMetrics m = s.Metrics;
        double half = m.Width(title, TextRole.Title) / 2;
        double cx = Math.Clamp(Area.CenterX, Pad + half, Math.Max(Pad + half, Width - Pad - half));
        s.BeginGroup("title");
        s.Text(title, cx, Pad, TextRole.Title, Color.Black, HAlign.Center, VAlign.Top);
        s.EndGroup();
        if (note is not null)
        {
            s.BeginGroup("note");
            s.Text(note, Pad, Height - Pad / 2, TextRole.Note, NoteInk, HAlign.Left, VAlign.Bottom);
            s.EndGroup();
        }
    }
}
