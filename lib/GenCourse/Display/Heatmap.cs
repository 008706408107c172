using System.Globalization;
using GenCourse.Display.Rendering;
using TorchSharp;
using static TorchSharp.torch;
using GenCourse.Engine;

namespace GenCourse.Display;

/// <summary>
/// A matrix drawn as coloured cells (row 0 at the top, as printed) with a colour bar, e.g. a
/// confusion matrix or codebook usage. Colours follow viridis: <see cref="Min"/> is dark purple,
/// <see cref="Max"/> yellow. Small matrices also print each value in its cell. Shows inline as SVG.
/// </summary>
/// <remarks>NaN cells are drawn light grey and counted in a note under the figure.</remarks>
[TypeFormatterSource(typeof(MimeFormatterSource<Heatmap>), PreferredMimeTypes = new[] { Mime.Svg, Mime.Plain })]
public sealed class Heatmap : Figure, IMimeFormattable
{
    private const double BarGap = 16, BarWidth = 14, MaxCell = 48;
    /// <summary>The colour of a NaN cell.</summary>
    public static readonly Color MissingColor = Color.FromHex("#D0D0D0");

    private readonly double[,] values;
    private readonly string[] columnLabels, rowLabels;
    private readonly bool? showValues;
    private readonly string valueFormat;
    private readonly int? width, height;

    /// <param name="title">What the matrix is, e.g. "Confusion matrix, test set".</param>
    /// <param name="xLabel">What the columns are, e.g. "predicted class".</param>
    /// <param name="yLabel">What the rows are, e.g. "true class".</param>
    /// <param name="values">The matrix, [rows, columns].</param>
    /// <param name="columnLabels">One label per column (default: 0, 1, 2, …).</param>
    /// <param name="rowLabels">One label per row (default: 0, 1, 2, …).</param>
    /// <param name="min">The value drawn darkest (default: the smallest finite value); smaller values are clamped.</param>
    /// <param name="max">The value drawn brightest (default: the largest finite value); larger values are clamped.</param>
    /// <param name="showValues">Print each value in its cell; default: when the matrix is small enough for the text to fit.</param>
    /// <param name="valueFormat">A .NET numeric format for printed values; default: "0" for whole numbers, else 2, 1 or 0 decimals by magnitude.</param>
    /// <param name="width">Width in pixels; default: square cells up to 48 px, the plot area at most about 480×400.</param>
    /// <param name="height">Height in pixels; default as for width.</param>
    public Heatmap(string title, string xLabel, string yLabel, double[,] values, IReadOnlyList<string>? columnLabels = null,
        IReadOnlyList<string>? rowLabels = null, double? min = null, double? max = null, bool? showValues = null,
        string? valueFormat = null, int? width = null, int? height = null) : base(title)
    {
        ArgumentNullException.ThrowIfNull(values);
        XLabel = Guard.Text(xLabel, nameof(xLabel), "x-axis label");
        YLabel = Guard.Text(yLabel, nameof(yLabel), "y-axis label");
        Rows = values.GetLength(0);
        Columns = values.GetLength(1);
        if (Rows == 0 || Columns == 0) throw new ArgumentException($"A heatmap needs at least one cell, got a {Rows}×{Columns} matrix.", nameof(values));
        this.values = (double[,])values.Clone();
        this.columnLabels = Labels(columnLabels, Columns, "column", nameof(columnLabels));
        this.rowLabels = Labels(rowLabels, Rows, "row", nameof(rowLabels));
        var finite = this.values.Cast<double>().Where(double.IsFinite).ToArray();
        MissingCells = this.values.Cast<double>().Count(double.IsNaN);
        if (finite.Length == 0) throw new ArgumentException($"All {Rows * Columns} cells are NaN or infinite; there is nothing to colour.", nameof(values));
        if (min is { } lo && !double.IsFinite(lo)) throw new ArgumentException($"'min' must be finite, got {lo}.", nameof(min));
        if (max is { } hi && !double.IsFinite(hi)) throw new ArgumentException($"'max' must be finite, got {hi}.", nameof(max));
        Min = min ?? finite.Min();
        Max = max ?? finite.Max();
        if (Min > Max) throw new ArgumentException($"The colour range is empty: min {Min} is larger than max {Max}.");
        this.showValues = showValues;
        bool whole = finite.All(v => v == Math.Round(v));
        double magnitude = finite.Max(Math.Abs);
        this.valueFormat = valueFormat ?? (whole ? "0" : magnitude < 10 ? "0.00" : magnitude < 100 ? "0.0" : "0");
        _ = 1.5.ToString(this.valueFormat, CultureInfo.InvariantCulture);   // a bad format fails here, not at render time
        this.width = width is null ? null : Guard.Size(width.Value, 150, 4000, nameof(width));
        this.height = height is null ? null : Guard.Size(height.Value, 150, 4000, nameof(height));
    }

    /// <summary>A heatmap of a 2-D tensor (any device and dtype).</summary>
    public Heatmap(string title, string xLabel, string yLabel, Tensor values, IReadOnlyList<string>? columnLabels = null,
        IReadOnlyList<string>? rowLabels = null, double? min = null, double? max = null, bool? showValues = null,
        string? valueFormat = null, int? width = null, int? height = null)
        : this(title, xLabel, yLabel, ToMatrix(values), columnLabels, rowLabels, min, max, showValues, valueFormat, width, height)
    {
    }

    public string XLabel { get; }
    public string YLabel { get; }
    public int Rows { get; }
    public int Columns { get; }

    /// <summary>The value at the dark end of the colour scale.</summary>
    public double Min { get; }

    /// <summary>The value at the bright end of the colour scale.</summary>
    public double Max { get; }

    /// <summary>Cells holding NaN (drawn in <see cref="MissingColor"/>).</summary>
    public int MissingCells { get; }

    /// <summary>The colour of a value: viridis((v − Min)/(Max − Min)), clamped; the middle colour when Min = Max.</summary>
    public Color ColorOf(double value)
    {
        if (double.IsNaN(value)) return MissingColor;
        return Palette.Viridis(Max > Min ? (value - Min) / (Max - Min) : 0.5);
    }

    private static double[,] ToMatrix(Tensor t)
    {
        ArgumentNullException.ThrowIfNull(t);
        long[] s = t.shape;
        if (s.Length != 2)
            throw new ArgumentException($"A heatmap needs a 2-D tensor [rows, columns], got shape [{string.Join(", ", s)}].", nameof(t));
        double[] flat = t.ToArray<double>();
        var m = new double[s[0], s[1]];
        for (int i = 0; i < s[0]; ++i)
            for (int j = 0; j < s[1]; ++j) m[i, j] = flat[i * s[1] + j];
        return m;
    }

    private static string[] Labels(IReadOnlyList<string>? labels, int count, string what, string paramName)
    {
        if (labels is null) return Enumerable.Range(0, count).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();
        if (labels.Count != count)
            throw new ArgumentException($"Give one label per {what}: the matrix has {count} {what}s but {labels.Count} labels.", paramName);
        return labels.Select(l => l ?? "").ToArray();
    }

    private sealed record Layout(PlotFrame Frame, double CellWidth, double CellHeight, List<Tick> BarTicks);

    private Layout Arrange(TextMetrics m)
    {
        // Square cells up to 48 px, the area at most ~480×400; a long thin matrix keeps some height.
        double cw = Math.Min(MaxCell, 480.0 / Columns), ch = Math.Min(MaxCell, 400.0 / Rows), cell = Math.Min(cw, ch);
        double areaW = Math.Max(Columns * cell, Math.Min(Columns * cw, 160)), areaH = Math.Max(Rows * cell, Math.Min(Rows * ch, 160));

        // about one colour-bar label per 40 px of bar
        int barTarget = Math.Max(2, (int)((height is null ? areaH : height.Value / 2.0) / 40));
        List<Tick> barTicks = Max > Min ? Ticks.Linear(Min, Max, barTarget) : [new Tick(Min, Ticks.Format(Min, Math.Max(Math.Abs(Min), 1) / 10))];
        double reserve = BarGap + BarWidth + 5 + 4 + barTicks.Max(t => m.Width(t.Label, TextRole.Tick)) + 4;
        string? note = MissingCells > 0 ? $"{MissingCells} NaN cell{(MissingCells == 1 ? "" : "s")} drawn grey" : null;

        PlotFrame Frame(List<Tick> xt, List<Tick> yt) => width is null && height is null
            ? PlotFrame.AroundArea(m, areaW, areaH, Title, XLabel, YLabel, xt, yt, note, reserve)
            : PlotFrame.Layout(m, width ?? 640, height ?? 480, Title, XLabel, YLabel, xt, yt, note, reserve);

        PlotFrame first = Frame(CategoryTicks(columnLabels, 1), CategoryTicks(rowLabels, 1));
        double cellW = first.Area.Width / Columns, cellH = first.Area.Height / Rows;
        // show every k-th label when they would touch
        int everyX = NiceEvery((columnLabels.Max(l => m.Width(l, TextRole.Tick)) + 6) / cellW);
        int everyY = NiceEvery((m.Height(TextRole.Tick) + 4) / cellH);
        PlotFrame frame = Frame(CategoryTicks(columnLabels, everyX), CategoryTicks(rowLabels, everyY));
        return new Layout(frame, frame.Area.Width / Columns, frame.Area.Height / Rows, barTicks);
    }

    /// <summary>The smallest of 1, 2, 5, 10, 20, 50, … that is at least <paramref name="k"/>.</summary>
    private static int NiceEvery(double k) => k <= 1 ? 1 : (int)Math.Round(Ticks.NiceStep(k, 1));

    // Category i sits at the centre of its cell, i + 0.5 in cell units.
    private static List<Tick> CategoryTicks(string[] labels, int every) =>
        Enumerable.Range(0, labels.Length).Where(i => i % every == 0).Select(i => new Tick(i + 0.5, labels[i])).ToList();

    private protected override (int Width, int Height) Measure(TextMetrics metrics)
    {
        PlotFrame f = Arrange(metrics).Frame;
        return (f.Width, f.Height);
    }

    private protected override void Render(Surface s)
    {
        TextMetrics m = s.Metrics;
        Layout layout = Arrange(m);
        Rect area = layout.Frame.Area;
        var xs = new LinearScale(0, Columns, area.X, area.Right);
        var ys = new LinearScale(0, Rows, area.Y, area.Bottom);
        string?[,] texts = CellTexts(m, layout);

        s.BeginGroup("cells");
        for (int i = 0; i < Rows; ++i)
            for (int j = 0; j < Columns; ++j)
            {
                var cell = new Rect(xs.Map(j), ys.Map(i), layout.CellWidth, layout.CellHeight);
                Color c = ColorOf(values[i, j]);
                s.FillRect(cell, c);
                if (texts[i, j] is { } text)
                    s.Text(text, cell.CenterX, cell.CenterY, TextRole.Value, c.Luminance < 0.5 ? Color.White : Color.Black, HAlign.Center, VAlign.Middle);
            }
        s.EndGroup();
        layout.Frame.DrawAxes(s, xs.Map, ys.Map);
        DrawColorBar(s, area, layout.BarTicks);
    }

    /// <summary>The printed values, or all null when they are hidden or do not fit their cells.</summary>
    private string?[,] CellTexts(TextMetrics m, Layout layout)
    {
        var texts = new string?[Rows, Columns];
        bool fits = layout.CellHeight >= m.Height(TextRole.Value) + 2;
        for (int i = 0; i < Rows; ++i)
            for (int j = 0; j < Columns; ++j)
            {
                string text = double.IsNaN(values[i, j]) ? "" : values[i, j].ToString(valueFormat, CultureInfo.InvariantCulture);
                fits &= m.Width(text, TextRole.Value) <= layout.CellWidth - 4;
                texts[i, j] = text;
            }
        return showValues ?? (fits && Rows * Columns <= 400) ? texts : new string?[Rows, Columns];
    }

    private void DrawColorBar(Surface s, Rect area, List<Tick> ticks)
    {
        const int Steps = 64;
        var bar = new Rect(area.Right + BarGap, area.Y, BarWidth, area.Height);
        s.BeginGroup("colorbar");
        for (int k = 0; k < Steps; ++k)
        {
            // stripe k covers [k, k+1]/Steps of the bar from the bottom, coloured at its centre
            double y0 = bar.Bottom - (k + 1) * bar.Height / Steps;
            s.FillRect(new Rect(bar.X, y0, bar.Width, bar.Height / Steps + 0.5), Palette.Viridis((k + 0.5) / Steps));
        }
        s.StrokeRect(bar, PlotFrame.Ink, 1);
        var scale = new LinearScale(Min, Max > Min ? Max : Min + 1, bar.Bottom, bar.Y);
        foreach (Tick t in ticks)
        {
            double y = Max > Min ? scale.Map(t.Value) : bar.CenterY;
            s.Line(new PointD(bar.Right, y), new PointD(bar.Right + 5, y), PlotFrame.Ink, 1);
            s.Text(t.Label, bar.Right + 9, y, TextRole.Tick, PlotFrame.Ink, HAlign.Left, VAlign.Middle);
        }
        s.EndGroup();
    }

    public override string ToString()
    {
        string text = string.Create(CultureInfo.InvariantCulture,
            $"Heatmap \"{Title}\": {Rows}×{Columns} ({YLabel} × {XLabel}), values {Min:G4} to {Max:G4}");
        return MissingCells > 0 ? text + $" ({MissingCells} NaN cells)" : text;
    }

    static IReadOnlyList<string> IMimeFormattable.MimeTypes { get; } = [Mime.Svg, Mime.Png, Mime.Plain];

    bool IMimeFormattable.WriteMime(string mimeType, TextWriter writer) => WriteFigureMime(mimeType, writer);
}
