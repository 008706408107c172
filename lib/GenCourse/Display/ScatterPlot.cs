using System.Globalization;
using System.Text;
using GenCourse.Display.Rendering;
using TorchSharp;
using static TorchSharp.torch;
using GenCourse.Engine;

namespace GenCourse.Display;

/// <summary>
/// Points coloured by group with a legend, made for 2-D latent spaces
/// (<see cref="ByClass(string, string, string, Tensor, Tensor, IReadOnlyList{string}?, int, int)"/>
/// takes a [N, 2] tensor of codes and a [N] tensor of labels). Shows inline as SVG.
/// </summary>
/// <remarks>
/// Points with a NaN or infinite coordinate are skipped and counted in a note under the plot.
/// Up to 10 groups get distinct colours (Okabe–Ito up to 8, Tableau 10 beyond); groups 11–20
/// reuse the colours with square markers; more than 20 groups is an error.
/// </remarks>
[TypeFormatterSource(typeof(MimeFormatterSource<ScatterPlot>), PreferredMimeTypes = new[] { Mime.Svg, Mime.Plain })]
public sealed class ScatterPlot : Figure, IMimeFormattable
{
    private const int MaxGroups = 20;

    private sealed record Group(string Name, double[] X, double[] Y, Color? Color, int Skipped);

    private readonly List<Group> groups = [];
    private readonly int width, height;

    /// <param name="title">What the points are, e.g. "Test set in the VAE's latent space".</param>
    /// <param name="xLabel">The x axis, e.g. "z₁".</param>
    /// <param name="yLabel">The y axis, e.g. "z₂".</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    public ScatterPlot(string title, string xLabel, string yLabel, int width = 600, int height = 480) : base(title)
    {
        XLabel = Guard.Text(xLabel, nameof(xLabel), "x-axis label");
        YLabel = Guard.Text(yLabel, nameof(yLabel), "y-axis label");
        this.width = Guard.Size(width, 200, 4000, nameof(width));
        this.height = Guard.Size(height, 150, 4000, nameof(height));
    }

    public string XLabel { get; }
    public string YLabel { get; }

    /// <summary>Group names in legend order.</summary>
    public IReadOnlyList<string> GroupNames => groups.Select(g => g.Name).ToArray();

    /// <summary>Number of points drawn.</summary>
    public int PointCount => groups.Sum(g => g.X.Length - g.Skipped);

    /// <summary>Points left out because a coordinate was NaN or infinite.</summary>
    public int SkippedPoints => groups.Sum(g => g.Skipped);

    /// <summary>Adds one group of points (one legend entry, one colour).</summary>
    public ScatterPlot Add(string name, IEnumerable<double> x, IEnumerable<double> y, Color? color = null)
    {
        Guard.Text(name, nameof(name), "group name (it labels the legend)");
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        double[] xs = x.ToArray(), ys = y.ToArray();
        if (xs.Length != ys.Length)
            throw new ArgumentException($"Group '{name}' has {xs.Length} x values but {ys.Length} y values; give one x per y.");
        if (groups.Count == MaxGroups)
            throw new InvalidOperationException($"A scatter plot tells at most {MaxGroups} groups apart; merge the smaller ones into an \"other\" group.");
        int skipped = 0;
        for (int i = 0; i < xs.Length; ++i) if (!double.IsFinite(xs[i]) || !double.IsFinite(ys[i])) skipped++;
        groups.Add(new Group(name, xs, ys, color, skipped));
        return this;
    }

    /// <summary>
    /// One group per distinct label, in increasing label order, named <c>classNames[label]</c>
    /// (or the label's number).
    /// </summary>
    public static ScatterPlot ByClass(string title, string xLabel, string yLabel, IReadOnlyList<double> x, IReadOnlyList<double> y,
        IReadOnlyList<int> labels, IReadOnlyList<string>? classNames = null, int width = 600, int height = 480)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(labels);
        if (x.Count != y.Count || x.Count != labels.Count)
            throw new ArgumentException($"Give one label per point: {x.Count} x values, {y.Count} y values, {labels.Count} labels.");
        var plot = new ScatterPlot(title, xLabel, yLabel, width, height);
        int[] distinct = labels.Distinct().Order().ToArray();
        if (distinct.Length > MaxGroups)
            throw new ArgumentException($"A scatter plot tells at most {MaxGroups} classes apart, got {distinct.Length} distinct labels.", nameof(labels));
        foreach (int label in distinct)
        {
            string name;
            if (classNames is null) name = label.ToString(CultureInfo.InvariantCulture);
            else if (label >= 0 && label < classNames.Count) name = classNames[label];
            else throw new ArgumentException($"Label {label} has no name: classNames holds {classNames.Count} names (labels 0 to {classNames.Count - 1}).", nameof(classNames));
            var idx = Enumerable.Range(0, labels.Count).Where(i => labels[i] == label).ToArray();
            plot.Add(name, idx.Select(i => x[i]), idx.Select(i => y[i]));
        }
        return plot;
    }

    /// <summary>
    /// Points from a <c>[N, 2]</c> tensor (columns x, y) coloured by a <c>[N]</c> tensor of integer class labels.
    /// </summary>
    public static ScatterPlot ByClass(string title, string xLabel, string yLabel, Tensor points, Tensor labels,
        IReadOnlyList<string>? classNames = null, int width = 600, int height = 480)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(labels);
        long[] ps = points.shape;
        if (ps.Length != 2 || ps[1] != 2)
            throw new ArgumentException($"'points' must have shape [N, 2] (one row (x, y) per point), got [{string.Join(", ", ps)}]; for a larger latent space project it to 2-D first.", nameof(points));
        double[] label = Guard.Vector(labels, nameof(labels));
        if (label.Length != ps[0])
            throw new ArgumentException($"Give one label per point: {ps[0]} points but {label.Length} labels.", nameof(labels));
        var ints = new int[label.Length];
        for (int i = 0; i < label.Length; ++i)
        {
            if (label[i] != Math.Round(label[i]) || Math.Abs(label[i]) > int.MaxValue)
                throw new ArgumentException($"Labels must be whole numbers, got {label[i]} at index {i}.", nameof(labels));
            ints[i] = (int)label[i];
        }
        double[] xy = points.ToArray<double>();
        var xs = new double[ints.Length];
        var ys = new double[ints.Length];
        for (int i = 0; i < ints.Length; ++i) { xs[i] = xy[2 * i]; ys[i] = xy[2 * i + 1]; }
        return ByClass(title, xLabel, yLabel, xs, ys, ints, classNames, width, height);
    }

    // Smaller, lighter markers as the cloud grows, so that its density stays visible.
    private (double Radius, double Opacity) MarkerStyle()
    {
        int n = PointCount;
        return n <= 200 ? (4, 0.9) : n <= 2000 ? (3, 0.8) : n <= 10000 ? (2, 0.6) : (1.5, 0.5);
    }

    private protected override (int Width, int Height) Measure(TextMetrics metrics) => (width, height);

    private protected override void Render(Surface s)
    {
        if (PointCount == 0)
            throw new InvalidOperationException($"The scatter plot '{Title}' has no finite points to draw: add a group with .Add(name, x, y).");
        TextMetrics m = s.Metrics;
        var finite = groups.SelectMany(g => Enumerable.Range(0, g.X.Length).Where(i => double.IsFinite(g.X[i]) && double.IsFinite(g.Y[i])).Select(i => (X: g.X[i], Y: g.Y[i]))).ToArray();
        (double xLo, double xHi) = Ticks.Padded(finite.Min(p => p.X), finite.Max(p => p.X), 0.05);
        (double yLo, double yHi) = Ticks.Padded(finite.Min(p => p.Y), finite.Max(p => p.Y), 0.05);
        List<Tick> yTicks = Ticks.Linear(yLo, yHi, Math.Max(3, height / 70));
        string? note = SkippedPoints > 0 ? $"{SkippedPoints} point{(SkippedPoints == 1 ? "" : "s")} with a NaN or infinite coordinate not drawn" : null;
        IReadOnlyList<Color> palette = Palette.Qualitative(Math.Min(groups.Count, 10));
        Color[] colors = groups.Select((g, i) => g.Color ?? palette[i % palette.Count]).ToArray();
        MarkerShape ShapeOf(int i) => i < 10 ? MarkerShape.Circle : MarkerShape.Square;
        var (radius, opacity) = MarkerStyle();
        var entries = groups.Select((g, i) => new LegendEntry(g.Name, colors[i], Line: false, Marker: true, ShapeOf(i))).ToArray();

        PlotFrame Frame(double reserve) => PlotFrame.LayoutFittingXTicks(m, width, height, Title, XLabel, YLabel,
            target => Ticks.Linear(xLo, xHi, target), yTicks, note, reserve);
        PlotFrame frame = Frame(0);
        var legendSize = Legend.Measure(m, entries);
        Rect? inside = Legend.PlaceInside(frame.Area, legendSize, Pixels(frame).SelectMany(p => p).ToArray());
        Rect legendBox;
        if (inside is { } box) legendBox = box;
        else
        {
            frame = Frame(Legend.OutsideReserve(m, entries));
            legendBox = Legend.Outside(frame.Area, legendSize);
        }

        var xs = new LinearScale(xLo, xHi, frame.Area.X, frame.Area.Right);
        var ys = new LinearScale(yLo, yHi, frame.Area.Bottom, frame.Area.Y);
        frame.DrawGrid(s, xs.Map, ys.Map);
        List<PointD>[] pixels = Pixels(frame);
        for (int i = 0; i < groups.Count; ++i)
        {
            s.BeginGroup("points", groups[i].Name);
            s.Markers(pixels[i], colors[i], radius, ShapeOf(i), opacity);
            s.EndGroup();
        }
        frame.DrawAxes(s, xs.Map, ys.Map);
        Legend.Draw(s, legendBox, entries, 2, Math.Max(radius, 3.5));

        List<PointD>[] Pixels(PlotFrame f)
        {
            var sx = new LinearScale(xLo, xHi, f.Area.X, f.Area.Right);
            var sy = new LinearScale(yLo, yHi, f.Area.Bottom, f.Area.Y);
            return groups.Select(g => Enumerable.Range(0, g.X.Length)
                .Where(i => double.IsFinite(g.X[i]) && double.IsFinite(g.Y[i]))
                .Select(i => new PointD(sx.Map(g.X[i]), sy.Map(g.Y[i]))).ToList()).ToArray();
        }
    }

    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append("ScatterPlot \"").Append(Title).Append("\": ").Append(YLabel).Append(" vs ").Append(XLabel)
          .Append(", ").Append(PointCount).Append(" points in ").Append(groups.Count).Append(groups.Count == 1 ? " group" : " groups");
        foreach (Group g in groups) sb.Append("\n  ").Append(g.Name).Append(": ").Append(g.X.Length - g.Skipped).Append(" points");
        if (SkippedPoints > 0) sb.Append("\n  (").Append(SkippedPoints).Append(" non-finite points not drawn)");
        return sb.ToString();
    }

    static IReadOnlyList<string> IMimeFormattable.MimeTypes { get; } = [Mime.Svg, Mime.Png, Mime.Plain];

    bool IMimeFormattable.WriteMime(string mimeType, TextWriter writer) => WriteFigureMime(mimeType, writer);
}
