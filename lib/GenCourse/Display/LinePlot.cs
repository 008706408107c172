using System.Globalization;
using System.Text;
using GenCourse.Display.Rendering;
using TorchSharp;
using static TorchSharp.torch;

namespace GenCourse.Display;

/// <summary>
/// Lines for one or more series, made for loss curves: title, axis labels, legend, optional
/// logarithmic y axis. Shows inline as SVG (ask for PNG with <see cref="Figure.AsPng"/>).
/// </summary>
/// <remarks>
/// Non-finite values (NaN, ±∞) are skipped: the line breaks there, and a note under the plot
/// says how many points were left out. On a log-y plot a value ≤ 0 is an error, raised by
/// <see cref="Add(string, IEnumerable{double}, IEnumerable{double}, Color?)"/>.
/// Long series are drawn with min/max decimation per pixel column, which keeps every spike.
/// </remarks>
[TypeFormatterSource(typeof(MimeFormatterSource<LinePlot>), PreferredMimeTypes = new[] { Mime.Svg, Mime.Plain })]
public sealed class LinePlot : Figure, IMimeFormattable
{
    private const double LineWidth = 2, MarkerRadius = 3.5, PointRadius = 2.5;
    /// <summary>Series with at most this many points also get a marker on each point.</summary>
    private const int MarkerThreshold = 40;

    private sealed record Series(string Name, double[] X, double[] Y, Color? Color, int Skipped, bool PointsOnly);

    private readonly List<Series> series = [];
    private readonly int width, height;

    /// <param name="title">What the plot shows, e.g. "VAE loss per step".</param>
    /// <param name="xLabel">The x axis, e.g. "step".</param>
    /// <param name="yLabel">The y axis, e.g. "loss (nats)".</param>
    /// <param name="logY">A logarithmic y axis (values must then be positive).</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    public LinePlot(string title, string xLabel, string yLabel, bool logY = false, int width = 640, int height = 400) : base(title)
    {
        XLabel = Guard.Text(xLabel, nameof(xLabel), "x-axis label");
        YLabel = Guard.Text(yLabel, nameof(yLabel), "y-axis label");
        LogY = logY;
        this.width = Guard.Size(width, 200, 4000, nameof(width));
        this.height = Guard.Size(height, 150, 4000, nameof(height));
    }

    public string XLabel { get; }
    public string YLabel { get; }
    public bool LogY { get; }

    /// <summary>Names of the series, in the order they were added.</summary>
    public IReadOnlyList<string> SeriesNames => series.Select(s => s.Name).ToArray();

    /// <summary>Points left out because x or y was NaN or infinite.</summary>
    public int SkippedPoints => series.Sum(s => s.Skipped);

    /// <summary>Adds a series plotted against its index 0, 1, 2, … (as matplotlib's <c>plot(y)</c> does).</summary>
    public LinePlot Add(string name, IEnumerable<double> y, Color? color = null)
    {
        ArgumentNullException.ThrowIfNull(y);
        double[] ys = y.ToArray();
        return Add(name, Enumerable.Range(0, ys.Length).Select(i => (double)i), ys, color);
    }

    /// <summary>Adds a series plotted against its index 0, 1, 2, ….</summary>
    public LinePlot Add(string name, IEnumerable<float> y, Color? color = null)
    {
        ArgumentNullException.ThrowIfNull(y);
        return Add(name, y.Select(v => (double)v), color);
    }

    /// <summary>Adds a series plotted against its index 0, 1, 2, … (an exact match for arrays, which TorchSharp would also convert to a tensor).</summary>
    public LinePlot Add(string name, double[] y, Color? color = null) => Add(name, (IEnumerable<double>)y, color);

    /// <summary>Adds the values of a 1-D tensor, plotted against their index.</summary>
    public LinePlot Add(string name, Tensor y, Color? color = null) => Add(name, (IEnumerable<double>)Guard.Vector(y, nameof(y)), color);

    /// <summary>Adds a series of (x, y) points, joined in the order given.</summary>
    public LinePlot Add(string name, IEnumerable<double> x, IEnumerable<double> y, Color? color = null) =>
        AddSeries(name, x, y, color, pointsOnly: false);

    /// <summary>
    /// Adds (x, y) points drawn as dots, not joined (e.g. noisy data behind a fitted curve);
    /// the order of the points does not matter.
    /// </summary>
    public LinePlot AddPoints(string name, IEnumerable<double> x, IEnumerable<double> y, Color? color = null) =>
        AddSeries(name, x, y, color, pointsOnly: true);

    private LinePlot AddSeries(string name, IEnumerable<double> x, IEnumerable<double> y, Color? color, bool pointsOnly)
    {
        Guard.Text(name, nameof(name), "series name (it labels the legend)");
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        double[] xs = x.ToArray(), ys = y.ToArray();
        if (xs.Length != ys.Length)
            throw new ArgumentException($"Series '{name}' has {xs.Length} x values but {ys.Length} y values; give one x per y.");
        if (xs.Length == 0)
            throw new ArgumentException($"Series '{name}' is empty; a line needs at least one point.");
        int skipped = 0;
        for (int i = 0; i < xs.Length; ++i)
        {
            if (!double.IsFinite(xs[i]) || !double.IsFinite(ys[i])) { skipped++; continue; }
            if (LogY && ys[i] <= 0)
                throw new ArgumentException($"A log-y plot needs positive values, but series '{name}' has {ys[i].ToString(CultureInfo.InvariantCulture)} at index {i}. Plot it with logY: false, or plot a positive quantity.");
        }
        if (skipped == xs.Length)
            throw new ArgumentException($"Series '{name}' has no finite values (all {xs.Length} are NaN or infinite); check the computation that produced it.");
        series.Add(new Series(name, xs, ys, color, skipped, pointsOnly));
        return this;
    }

    private protected override (int Width, int Height) Measure(TextMetrics metrics) => (width, height);

    private protected override void Render(Surface s)
    {
        if (series.Count == 0)
            throw new InvalidOperationException($"The plot '{Title}' has no series yet: add one with .Add(\"name\", values).");
        TextMetrics m = s.Metrics;
        var finite = series.SelectMany(se => Enumerable.Range(0, se.X.Length).Where(i => double.IsFinite(se.X[i]) && double.IsFinite(se.Y[i])).Select(i => (X: se.X[i], Y: se.Y[i]))).ToArray();
        double xMin = finite.Min(p => p.X), xMax = finite.Max(p => p.X);
        double yMin = finite.Min(p => p.Y), yMax = finite.Max(p => p.Y);
        bool integerX = finite.All(p => p.X == Math.Round(p.X));
        if (xMax == xMin) (xMin, xMax) = Ticks.Padded(xMin, xMax, 0);
        (double yLo, double yHi) = LogY ? Ticks.PaddedLog(yMin, yMax, 0.05) : Ticks.Padded(yMin, yMax, 0.05);

        List<Tick> yTicks = LogY ? Ticks.Log10(yLo, yHi) : Ticks.Linear(yLo, yHi, Math.Max(3, height / 70));
        string? note = SkippedPoints > 0 ? $"{SkippedPoints} non-finite point{(SkippedPoints == 1 ? "" : "s")} (NaN or ±∞) not drawn" : null;
        Color[] colors = Colors();
        var entries = series.Select((se, i) => new LegendEntry(se.Name, colors[i], Line: !se.PointsOnly, Marker: se.PointsOnly || FiniteCount(se) <= MarkerThreshold)).ToArray();

        AxisScale XScale(PlotFrame f) => new LinearScale(xMin, xMax, f.Area.X, f.Area.Right);
        AxisScale YScale(PlotFrame f) => LogY ? new LogScale(yLo, yHi, f.Area.Bottom, f.Area.Y) : new LinearScale(yLo, yHi, f.Area.Bottom, f.Area.Y);

        PlotFrame frame = LayoutWithXTicks(m, xMin, xMax, integerX, yTicks, note, 0);
        var (legendWidth, legendHeight) = Legend.Measure(m, entries);
        var drawn = new List<PointD>();
        foreach (Series se in series)
            foreach (List<PointD> run in Runs(se, XScale(frame), YScale(frame)))
            {
                if (se.PointsOnly) drawn.AddRange(run);
                else Densify(run, drawn);
            }
        Rect legendBox;
        if (Legend.PlaceInside(frame.Area, (legendWidth, legendHeight), drawn) is { } inside) legendBox = inside;
        else
        {
            frame = LayoutWithXTicks(m, xMin, xMax, integerX, yTicks, note, Legend.OutsideReserve(m, entries));
            legendBox = Legend.Outside(frame.Area, (legendWidth, legendHeight));
        }

        AxisScale xs = XScale(frame), ys = YScale(frame);
        frame.DrawGrid(s, xs.Map, ys.Map);
        for (int i = 0; i < series.Count; ++i)
        {
            Series se = series[i];
            s.BeginGroup("series", se.Name);
            List<List<PointD>> runs = Runs(se, xs, ys);
            if (se.PointsOnly)
            {
                s.Markers(runs.SelectMany(r => r).ToArray(), colors[i], PointRadius, MarkerShape.Circle, 1);
                s.EndGroup();
                continue;
            }
            foreach (List<PointD> run in runs)
                s.Polyline(Decimate(run, frame.Area.Width), colors[i], LineWidth);
            if (FiniteCount(se) <= MarkerThreshold)
                s.Markers(runs.SelectMany(r => r).ToArray(), colors[i], MarkerRadius, MarkerShape.Circle, 1);
            s.EndGroup();
        }
        frame.DrawAxes(s, xs.Map, ys.Map);
        Legend.Draw(s, legendBox, entries, LineWidth, MarkerRadius);
    }

    private Color[] Colors()
    {
        IReadOnlyList<Color> palette = Palette.Qualitative(series.Count);
        return series.Select((se, i) => se.Color ?? palette[i]).ToArray();
    }

    private static int FiniteCount(Series se) => se.X.Length - se.Skipped;

    private PlotFrame LayoutWithXTicks(TextMetrics m, double xMin, double xMax, bool integerX, List<Tick> yTicks, string? note, double reserve) =>
        PlotFrame.LayoutFittingXTicks(m, width, height, Title, XLabel, YLabel, target => Ticks.Linear(xMin, xMax, target, integerX), yTicks, note, reserve);

    // Points every ≤ 3 px along each segment, so that a legend box cannot sit across a line between two far-apart points.
    private static void Densify(List<PointD> run, List<PointD> into)
    {
        into.Add(run[0]);
        for (int i = 1; i < run.Count; ++i)
        {
            PointD a = run[i - 1], b = run[i];
            int n = (int)Math.Ceiling(Math.Sqrt((b.X - a.X) * (b.X - a.X) + (b.Y - a.Y) * (b.Y - a.Y)) / 3);
            for (int k = 1; k <= n; ++k) into.Add(new PointD(a.X + (b.X - a.X) * k / n, a.Y + (b.Y - a.Y) * k / n));
        }
    }

    /// <summary>The series in pixels, split into runs of consecutive finite points.</summary>
    private static List<List<PointD>> Runs(Series se, AxisScale xs, AxisScale ys)
    {
        var runs = new List<List<PointD>>();
        List<PointD>? current = null;
        for (int i = 0; i < se.X.Length; ++i)
        {
            if (!double.IsFinite(se.X[i]) || !double.IsFinite(se.Y[i])) { current = null; continue; }
            if (current is null) runs.Add(current = []);
            current.Add(new PointD(xs.Map(se.X[i]), ys.Map(se.Y[i])));
        }
        return runs;
    }

    /// <summary>
    /// When a run has more than two points per pixel column and x increases, keep per column only
    /// the first, lowest, highest and last point, in their original order: the drawn line is the same.
    /// </summary>
    internal static IReadOnlyList<PointD> Decimate(List<PointD> run, double areaWidth)
    {
        if (run.Count <= 2 * areaWidth) return run;
        for (int i = 1; i < run.Count; ++i) if (run[i].X < run[i - 1].X) return run;
        var kept = new List<PointD>();
        int start = 0;
        while (start < run.Count)
        {
            int column = (int)Math.Floor(run[start].X), end = start;
            while (end + 1 < run.Count && (int)Math.Floor(run[end + 1].X) == column) end++;
            int lo = start, hi = start;
            for (int i = start; i <= end; ++i)
            {
                if (run[i].Y < run[lo].Y) lo = i;
                if (run[i].Y > run[hi].Y) hi = i;
            }
            foreach (int i in new SortedSet<int> { start, lo, hi, end }) kept.Add(run[i]);
            start = end + 1;
        }
        return kept;
    }

    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append("LinePlot \"").Append(Title).Append("\": ").Append(YLabel).Append(LogY ? " (log scale)" : "").Append(" vs ").Append(XLabel);
        foreach (Series se in series)
        {
            double last = se.Y.LastOrDefault(double.IsFinite, double.NaN);
            sb.Append("\n  ").Append(se.Name).Append(": ").Append(se.X.Length).Append(" points, last ")
              .Append(last.ToString("G5", CultureInfo.InvariantCulture));
        }
        if (SkippedPoints > 0) sb.Append("\n  (").Append(SkippedPoints).Append(" non-finite points not drawn)");
        return sb.ToString();
    }

    static IReadOnlyList<string> IMimeFormattable.MimeTypes { get; } = [Mime.Svg, Mime.Png, Mime.Plain];

    bool IMimeFormattable.WriteMime(string mimeType, TextWriter writer) => WriteFigureMime(mimeType, writer);
}
