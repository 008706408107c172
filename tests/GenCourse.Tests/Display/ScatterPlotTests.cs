using System.Xml.Linq;
using GenCourse.Display;

namespace GenCourse.Tests.Display;

public class ScatterPlotTests
{
    private const double Rounding = 0.011;

    [Fact]
    public void ByClassFromTensorsGroupsPointsAndMapsThemIntoTheArea()
    {
        // four points of two classes; x ∈ [−2, 2], y ∈ [0, 8]
        float[] z = [-2, 0, 2, 8, 0, 4, 1, 2];
        long[] labels = [1, 0, 1, 0];
        using var points = torch.tensor(z, [4, 2]);
        using var y = torch.tensor(labels, [4]);
        var plot = ScatterPlot.ByClass("Latent space", "z₁", "z₂", points, y, classNames: ["zero", "one"]);
        XDocument doc = Svg.Parse(plot.ToSvg());

        Assert.Equal(["zero", "one"], plot.GroupNames);
        Assert.Equal(["zero", "one"], Svg.Texts(Svg.Group(doc, "legend")));
        Assert.Contains("z₁", Svg.Texts(Svg.Group(doc, "x-axis")));
        Assert.Contains("z₂", Svg.Texts(Svg.Group(doc, "y-axis")));

        var (fx, fy, fw, fh) = Svg.Frame(doc);
        // both axes widened by 5% of their span at each end
        double xLo = -2 - 0.2, xHi = 2 + 0.2, yLo = 0 - 0.4, yHi = 8 + 0.4;
        (double, double) Px(double a, double b) => (fx + (a - xLo) / (xHi - xLo) * fw, fy + fh - (b - yLo) / (yHi - yLo) * fh);
        var ones = Svg.MarkerCenters(Svg.Group(doc, "points", "one").Element(Svg.Ns + "path")!);
        var expected = new[] { Px(-2, 0), Px(0, 4) };
        Assert.Equal(2, ones.Count);
        for (int i = 0; i < 2; ++i)
        {
            Assert.Equal(expected[i].Item1, ones[i].X, Rounding);
            Assert.Equal(expected[i].Item2, ones[i].Y, Rounding);
        }
        Assert.Equal(2, Svg.MarkerCenters(Svg.Group(doc, "points", "zero").Element(Svg.Ns + "path")!).Count);
    }

    [Fact]
    public void TenClassesGetTenDistinctColoursAndALegendEntryEach()
    {
        var rng = new Random(3);
        int n = 1000;
        double[] x = new double[n], y = new double[n];
        int[] labels = new int[n];
        for (int i = 0; i < n; ++i) { labels[i] = i % 10; x[i] = labels[i] + rng.NextDouble(); y[i] = rng.NextDouble(); }
        var plot = ScatterPlot.ByClass("ten classes", "x", "y", x, y, labels);
        XDocument doc = Svg.Parse(plot.ToSvg());

        var strokes = Svg.Groups(doc, "points").Select(g => g.Element(Svg.Ns + "path")!.Attribute("stroke")!.Value).ToList();
        Assert.Equal(10, strokes.Distinct().Count());
        Assert.Equal(Palette.Tableau10.Select(c => c.Hex), strokes);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => i.ToString()), Svg.Texts(Svg.Group(doc, "legend")));
        Assert.Equal(n, plot.PointCount);
        PngCheck.Validate(plot.ToPng(), "scatter-ten-classes");
    }

    [Fact]
    public void NonFinitePointsAreSkippedAndNoted()
    {
        var plot = new ScatterPlot("t", "x", "y").Add("a", [1.0, double.NaN, 3], [1.0, 2, double.NegativeInfinity]).Add("b", [0.0], [0.0]);
        XDocument doc = Svg.Parse(plot.ToSvg());
        Assert.Single(Svg.MarkerCenters(Svg.Group(doc, "points", "a").Element(Svg.Ns + "path")!));
        Assert.Equal(2, plot.SkippedPoints);
        Assert.StartsWith("2 points", Assert.Single(Svg.Texts(Svg.Group(doc, "note"))));
    }

    [Fact]
    public void BadInputIsRejected()
    {
        using var threeColumns = torch.zeros(5, 3);
        using var labels5 = torch.zeros(5);
        using var labels4 = torch.zeros(4);
        using var twoColumns = torch.zeros(5, 2);
        using var fractional = torch.tensor(new double[] { 0, 0.5, 1, 1, 1 }, [5]);
        Assert.Contains("[N, 2]", Assert.Throws<ArgumentException>(() => ScatterPlot.ByClass("t", "x", "y", threeColumns, labels5)).Message);
        Assert.Contains("one label per point", Assert.Throws<ArgumentException>(() => ScatterPlot.ByClass("t", "x", "y", twoColumns, labels4)).Message);
        Assert.Contains("whole numbers", Assert.Throws<ArgumentException>(() => ScatterPlot.ByClass("t", "x", "y", twoColumns, fractional)).Message);
        Assert.Contains("no name", Assert.Throws<ArgumentException>(() => ScatterPlot.ByClass("t", "x", "y", [1.0], [1.0], [3], ["a"])).Message);
        int[] many = Enumerable.Range(0, 21).ToArray();
        double[] coords = many.Select(i => (double)i).ToArray();
        Assert.Contains("at most 20", Assert.Throws<ArgumentException>(() => ScatterPlot.ByClass("t", "x", "y", coords, coords, many)).Message);
        Assert.Contains("finite points", Assert.Throws<InvalidOperationException>(() => new ScatterPlot("t", "x", "y").ToSvg()).Message);
    }

    [Fact]
    public void ElevenToTwentyGroupsUseSquareMarkers()
    {
        int[] labels = Enumerable.Range(0, 12).ToArray();
        double[] coords = labels.Select(i => (double)i).ToArray();
        XDocument doc = Svg.Parse(ScatterPlot.ByClass("t", "x", "y", coords, coords, labels).ToSvg());
        var caps = Svg.Groups(doc, "points").Select(g => g.Element(Svg.Ns + "path")!.Attribute("stroke-linecap")!.Value).ToList();
        Assert.Equal(Enumerable.Repeat("round", 10).Concat(["square", "square"]), caps);
    }
}
