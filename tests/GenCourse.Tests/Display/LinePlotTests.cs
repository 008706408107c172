using System.Xml.Linq;
using GenCourse.Display;

namespace GenCourse.Tests.Display;

public class LinePlotTests
{
    private const double Rounding = 0.011;   // SVG coordinates carry two decimals

    [Fact]
    public void SvgHasTitleAxisLabelsAndOneLegendEntryPerSeries()
    {
        var plot = new LinePlot("VAE loss", "epoch", "loss (nats)")
            .Add("train", [1.0, 2, 3, 4], [4.0, 2, 1.5, 1.2])
            .Add("test", [1.0, 2, 3, 4], [4.5, 2.5, 2, 1.9]);
        XDocument doc = Svg.Parse(plot.ToSvg());

        Assert.Equal("VAE loss", doc.Root!.Element(Svg.Ns + "title")!.Value);
        Assert.Equal(["VAE loss"], Svg.Texts(Svg.Group(doc, "title")));
        Assert.Contains("epoch", Svg.Texts(Svg.Group(doc, "x-axis")));
        Assert.Contains("loss (nats)", Svg.Texts(Svg.Group(doc, "y-axis")));
        Assert.Equal(["train", "test"], Svg.Texts(Svg.Group(doc, "legend")));
        Assert.Equal(["train", "test"], plot.SeriesNames);
        // the two series get the first two series colours (Okabe–Ito blue, then orange)
        Assert.Equal("#0072B2", Svg.Group(doc, "series", "train").Element(Svg.Ns + "polyline")!.Attribute("stroke")!.Value);
        Assert.Equal("#E69F00", Svg.Group(doc, "series", "test").Element(Svg.Ns + "polyline")!.Attribute("stroke")!.Value);
    }

    [Fact]
    public void PolylinePointsMapDataLinearlyIntoThePlotArea()
    {
        double[] x = [0, 10, 20, 30, 40], y = [3, -1, 2, 5, 4];
        XDocument doc = Svg.Parse(new LinePlot("t", "x", "y").Add("s", x, y).ToSvg());
        var (fx, fy, fw, fh) = Svg.Frame(doc);
        var points = Svg.Points(Svg.Group(doc, "series", "s").Element(Svg.Ns + "polyline")!);

        // x spans exactly [min, max]; y is widened by 5% of its span at each end
        double yLo = -1 - 0.05 * 6, yHi = 5 + 0.05 * 6;
        Assert.Equal(x.Length, points.Count);
        for (int i = 0; i < x.Length; ++i)
        {
            Assert.Equal(fx + (x[i] - 0) / 40 * fw, points[i].X, Rounding);
            Assert.Equal(fy + fh - (y[i] - yLo) / (yHi - yLo) * fh, points[i].Y, Rounding);
        }
    }

    [Fact]
    public void LogYMapsLogarithmsAndTicksAtPowersOfTen()
    {
        double[] y = [100, 10, 1, 0.1, 0.01];
        XDocument doc = Svg.Parse(new LinePlot("t", "step", "loss", logY: true).Add("s", y).ToSvg());
        var (fx, fy, fw, fh) = Svg.Frame(doc);
        var points = Svg.Points(Svg.Group(doc, "series", "s").Element(Svg.Ns + "polyline")!);

        // 4 decades of data, widened by 5% of 4 decades at each end, in log space
        double lo = Math.Log10(0.01) - 0.2, hi = Math.Log10(100) + 0.2;
        double Py(double v) => fy + fh - (Math.Log10(v) - lo) / (hi - lo) * fh;
        for (int i = 0; i < y.Length; ++i) Assert.Equal(Py(y[i]), points[i].Y, Rounding);

        XElement yAxis = Svg.Group(doc, "y-axis");
        List<string> labels = Svg.Texts(yAxis);
        Assert.Equal(["0.01", "0.1", "1", "10", "100", "loss"], labels);
        var tickYs = yAxis.Elements(Svg.Ns + "line").Select(l => Svg.Num(l, "y1")).ToList();
        foreach (double p in new[] { 0.01, 0.1, 1, 10, 100 }) Assert.Contains(tickYs, t => Math.Abs(t - Py(p)) < Rounding);
        Assert.Contains(tickYs, t => Math.Abs(t - Py(0.2)) < Rounding);   // an unlabelled minor tick at 2×10^k
    }

    [Fact]
    public void LogYRejectsValuesThatAreNotPositive()
    {
        var plot = new LinePlot("t", "step", "loss", logY: true);
        var e = Assert.Throws<ArgumentException>(() => plot.Add("train", [1.0, 0.5, 0, 2]));
        Assert.Contains("'train'", e.Message);
        Assert.Contains("index 2", e.Message);
        Assert.Contains("logY: false", e.Message);
        Assert.Throws<ArgumentException>(() => plot.Add("neg", [1.0, -3]));
    }

    [Fact]
    public void NonFiniteValuesBreakTheLineAndAreNoted()
    {
        var plot = new LinePlot("t", "step", "loss").Add("s", [1.0, double.NaN, 3, 4, double.PositiveInfinity, 6]);
        XDocument doc = Svg.Parse(plot.ToSvg());
        var runs = Svg.Group(doc, "series", "s").Elements(Svg.Ns + "polyline").Select(p => Svg.Points(p).Count).ToList();
        Assert.Equal([1, 2, 1], runs);
        Assert.Equal(2, plot.SkippedPoints);
        Assert.StartsWith("2 non-finite points", Assert.Single(Svg.Texts(Svg.Group(doc, "note"))));
        Assert.Contains("'x'", Assert.Throws<ArgumentException>(() => new LinePlot("t", "x", "y").Add("x", [double.NaN, double.NaN])).Message);
    }

    [Fact]
    public void BadSeriesAreRejected()
    {
        var plot = new LinePlot("t", "x", "y");
        Assert.Contains("4 x values but 3 y values", Assert.Throws<ArgumentException>(() => plot.Add("s", [1.0, 2, 3, 4], [1.0, 2, 3])).Message);
        Assert.Contains("empty", Assert.Throws<ArgumentException>(() => plot.Add("s", Array.Empty<double>())).Message);
        Assert.Contains(".Add(", Assert.Throws<InvalidOperationException>(() => plot.ToSvg()).Message);
        Assert.Contains("x-axis label", Assert.Throws<ArgumentException>(() => new LinePlot("t", "", "y")).Message);
        using var matrix = torch.zeros(3, 4);
        Assert.Contains("1-D", Assert.Throws<ArgumentException>(() => plot.Add("m", matrix)).Message);
    }

    [Fact]
    public void LongSeriesAreDecimatedButKeepTheirExtremes()
    {
        var y = new double[20000];
        for (int i = 0; i < y.Length; ++i) y[i] = Math.Sin(i / 50.0);
        y[12345] = 10;    // a spike must survive decimation
        XDocument doc = Svg.Parse(new LinePlot("t", "step", "loss").Add("s", y).ToSvg());
        var (fx, fy, fw, fh) = Svg.Frame(doc);
        var points = Svg.Points(Svg.Group(doc, "series", "s").Element(Svg.Ns + "polyline")!);

        Assert.InRange(points.Count, 100, 4 * (int)Math.Ceiling(fw) + 4);   // ≤ 4 points per pixel column
        double yLo = -1 - 0.05 * 11, yHi = 10 + 0.05 * 11;
        double spikeX = fx + 12345.0 / 19999 * fw, spikeY = fy + fh - (10 - yLo) / (yHi - yLo) * fh;
        Assert.Contains(points, p => Math.Abs(p.X - spikeX) < Rounding && Math.Abs(p.Y - spikeY) < Rounding);
    }

    [Fact]
    public void LegendSitsInACornerFreeOfDataOrBesideThePlot()
    {
        // rising from bottom left to top right: the top-right corner is taken, the top-left is free
        double[] rising = Enumerable.Range(0, 50).Select(i => (double)i).ToArray();
        XDocument doc = Svg.Parse(new LinePlot("t", "x", "y").Add("rising", rising, rising).ToSvg());
        var frame = Svg.Frame(doc);
        XElement box = Svg.Group(doc, "legend").Elements(Svg.Ns + "rect").First();
        double bx = Svg.Num(box, "x"), by = Svg.Num(box, "y"), bw = Svg.Num(box, "width"), bh = Svg.Num(box, "height");
        Assert.InRange(bx, frame.X, frame.X + frame.W / 2);
        Assert.InRange(by, frame.Y, frame.Y + frame.H / 2);
        var line = Svg.Points(Svg.Group(doc, "series", "rising").Element(Svg.Ns + "polyline")!);
        Assert.DoesNotContain(line, p => p.X >= bx && p.X <= bx + bw && p.Y >= by && p.Y <= by + bh);

        // noise filling the whole area: no corner is free, so the legend moves outside
        double[] noise = Enumerable.Range(0, 400).Select(i => i % 2 == 0 ? 1.0 : -1.0).ToArray();
        XDocument busy = Svg.Parse(new LinePlot("t", "x", "y").Add("noise", noise).ToSvg());
        XElement outside = Svg.Group(busy, "legend").Elements(Svg.Ns + "rect").First();
        var f2 = Svg.Frame(busy);
        Assert.True(Svg.Num(outside, "x") > f2.X + f2.W, "legend should sit right of the plot area");
    }

    [Fact]
    public void PngDrawsTheLineInItsColour()
    {
        var plot = new LinePlot("flat", "x", "y").Add("const", [2.0, 2, 2, 2]);
        DecodedPng png = PngCheck.Validate(plot.ToPng(), "lineplot-flat");
        Assert.Equal((640, 400, 2), (png.Width, png.Height, png.ColorType));
        // the line runs through the middle of the plot area; at least one pixel row is fully covered
        int column = 320;
        var colours = Enumerable.Range(0, png.Height).Select(y => png.Rgb(column, y)).ToList();
        Assert.Contains(((byte)0x00, (byte)0x72, (byte)0xB2), colours);
        // the title is dark ink on white in the top band
        Assert.Contains(Enumerable.Range(0, 30).SelectMany(y => Enumerable.Range(0, 640).Select(x => png.Rgb(x, y))), c => c.R < 60);
    }

    [Fact]
    public void SaveChoosesTheFormatByExtension()
    {
        string dir = Path.Combine(PngCheck.OutputFolder, "lineplot-save");
        var plot = new LinePlot("t", "x", "y").Add("s", [1.0, 2, 3]);
        plot.Save(Path.Combine(dir, "plot.svg"));
        plot.Save(Path.Combine(dir, "plot.png"));
        Svg.Parse(File.ReadAllText(Path.Combine(dir, "plot.svg")));
        PngCheck.AssertFileValid(Path.Combine(dir, "plot.png"));
        Assert.Contains(".png or .svg", Assert.Throws<ArgumentException>(() => plot.Save(Path.Combine(dir, "plot.jpg"))).Message);
        Assert.Equal(["plot.png", "plot.svg"], Directory.GetFiles(dir).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void TensorsAndFloatListsAreAccepted()
    {
        using var t = torch.tensor(new float[] { 3, 2, 1 }, [3]);
        var plot = new LinePlot("t", "x", "y").Add("tensor", t).Add("floats", new List<float> { 1, 2, 3 });
        XDocument doc = Svg.Parse(plot.ToSvg());
        Assert.Equal(3, Svg.Points(Svg.Group(doc, "series", "tensor").Element(Svg.Ns + "polyline")!).Count);
        Assert.Contains("tensor: 3 points, last 1", plot.ToString());
    }

    [Fact]
    public void AddPointsDrawsOneDotPerPointAndNoLine()
    {
        // Unsorted x: joined in order it would zigzag; as points the order must not matter.
        var plot = new LinePlot("fit", "x", "y")
            .AddPoints("data", [3.0, 1, 2, 0], [0.5, 1.5, 1.0, 2.0])
            .Add("model", [0.0, 3], [2.0, 0.5]);
        XDocument doc = Svg.Parse(plot.ToSvg());
        XElement data = Svg.Group(doc, "series", "data");
        Assert.Empty(data.Elements(Svg.Ns + "polyline"));
        string d = data.Element(Svg.Ns + "path")!.Attribute("d")!.Value;
        Assert.Equal(4, d.Split('M', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Single(Svg.Group(doc, "series", "model").Elements(Svg.Ns + "polyline"));
        Assert.Equal(["data", "model"], Svg.Texts(Svg.Group(doc, "legend")));
    }
}
