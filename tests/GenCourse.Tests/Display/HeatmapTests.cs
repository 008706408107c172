using System.Xml.Linq;
using GenCourse.Display;

namespace GenCourse.Tests.Display;

public class HeatmapTests
{
    private static readonly double[,] Matrix = { { 0, 5, 10 }, { 2.5, 7.5, 5 } };

    [Fact]
    public void MinAndMaxCellsTakeTheEndsOfViridis()
    {
        var map = new Heatmap("t", "predicted", "true", Matrix);
        XDocument doc = Svg.Parse(map.ToSvg());
        var fills = Svg.Group(doc, "cells").Elements(Svg.Ns + "rect").Select(r => r.Attribute("fill")!.Value).ToList();
        Assert.Equal(6, fills.Count);
        Assert.Equal("#440154", fills[0]);   // (0, 0) holds the minimum 0: viridis(0)
        Assert.Equal("#FDE725", fills[2]);   // (0, 2) holds the maximum 10: viridis(1)
        Assert.Equal("#21918C", fills[1]);   // 5 is halfway: viridis(0.5), a knot of the table
        Assert.Equal((0.0, 10.0), (map.Min, map.Max));
    }

    [Fact]
    public void PngCellsHaveTheSameColoursInTheirGridPlaces()
    {
        var map = new Heatmap("t", "x", "y", Matrix, showValues: false);
        DecodedPng png = PngCheck.Validate(map.ToPng(), "heatmap-cells");

        (int X0, int Y0, int X1, int Y1) Box((byte, byte, byte) colour)
        {
            var at = Enumerable.Range(0, png.Height).SelectMany(y => Enumerable.Range(0, png.Width).Select(x => (x, y)))
                .Where(p => png.Rgb(p.x, p.y) == colour).ToList();
            Assert.NotEmpty(at);
            return (at.Min(p => p.x), at.Min(p => p.y), at.Max(p => p.x), at.Max(p => p.y));
        }
        var min = Box((0x44, 0x01, 0x54));   // cell (0, 0)
        var max = Box((0xFD, 0xE7, 0x25));   // cell (0, 2)
        int cellWidth = min.X1 - min.X0 + 1;
        Assert.Equal((min.Y0, min.Y1), (max.Y0, max.Y1));                 // same row
        Assert.Equal(min.X0 + 2 * cellWidth, max.X0, 1.0);                // two cells to the right
        Assert.Equal(cellWidth, max.X1 - max.X0 + 1, 1.0);
    }

    [Fact]
    public void ValuesArePrintedInContrastingInk()
    {
        XDocument doc = Svg.Parse(new Heatmap("t", "x", "y", Matrix).ToSvg());
        var texts = Svg.Group(doc, "cells").Elements(Svg.Ns + "text").ToList();
        // the largest magnitude is 10, so one decimal (two below 10, none from 100)
        Assert.Equal(["0.0", "5.0", "10.0", "2.5", "7.5", "5.0"], texts.Select(t => t.Value));
        Assert.Equal("#FFFFFF", texts[0].Attribute("fill")!.Value);       // on dark purple
        Assert.Null(texts[2].Attribute("fill"));                            // black (the default) on yellow
    }

    [Fact]
    public void NaNCellsAreGreyAndNoted()
    {
        var m = new double[,] { { 1, double.NaN }, { 3, 4 } };
        var map = new Heatmap("t", "x", "y", m);
        XDocument doc = Svg.Parse(map.ToSvg());
        Assert.Equal(Heatmap.MissingColor.Hex, Svg.Group(doc, "cells").Elements(Svg.Ns + "rect").ElementAt(1).Attribute("fill")!.Value);
        Assert.Equal("1 NaN cell drawn grey", Assert.Single(Svg.Texts(Svg.Group(doc, "note"))));
        Assert.Equal(1, map.MissingCells);
    }

    [Fact]
    public void TensorInputLabelsAndExplicitRange()
    {
        using var t = torch.tensor(new float[] { 1, 2, 3, 4 }, [2, 2]);
        var map = new Heatmap("t", "x", "y", t, columnLabels: ["a", "b"], rowLabels: ["c", "d"], min: 0, max: 8);
        XDocument doc = Svg.Parse(map.ToSvg());
        Assert.Equal(["a", "b", "x"], Svg.Texts(Svg.Group(doc, "x-axis")));
        Assert.Equal(["c", "d", "y"], Svg.Texts(Svg.Group(doc, "y-axis")));
        // 4 of [0, 8] is halfway
        Assert.Equal("#21918C", Svg.Group(doc, "cells").Elements(Svg.Ns + "rect").Last().Attribute("fill")!.Value);
        Assert.Equal(Palette.Viridis(0.5), map.ColorOf(4));
    }

    [Fact]
    public void BadInputIsRejected()
    {
        using var cube = torch.zeros(2, 2, 2);
        Assert.Contains("2-D", Assert.Throws<ArgumentException>(() => new Heatmap("t", "x", "y", cube)).Message);
        Assert.Contains("one label per column", Assert.Throws<ArgumentException>(() => new Heatmap("t", "x", "y", Matrix, columnLabels: ["a"])).Message);
        Assert.Contains("NaN", Assert.Throws<ArgumentException>(() => new Heatmap("t", "x", "y", new[,] { { double.NaN } })).Message);
        Assert.Contains("empty", Assert.Throws<ArgumentException>(() => new Heatmap("t", "x", "y", Matrix, min: 5, max: 1)).Message);
        Assert.Throws<FormatException>(() => new Heatmap("t", "x", "y", Matrix, valueFormat: "D2"));   // D is for integers only
    }
}
