using System.Xml.Linq;
using GenCourse.Display;
using GenCourse.Display.Rendering;

namespace GenCourse.Tests.Display.Rendering;

public class SvgSurfaceTests
{
    [Fact]
    public void EscapeHandlesMarkupAndCharactersXmlForbids()
    {
        Assert.Equal("&lt;a &amp; &apos;b&apos;&gt;&quot;", SvgSurface.Escape("<a & 'b'>\""));
        Assert.Equal("bell\uFFFD", SvgSurface.Escape("bell\u0007"));
        Assert.Equal("lone \uFFFD", SvgSurface.Escape("lone \uD800"));
        Assert.Equal("emoji 😀 tab\t", SvgSurface.Escape("emoji 😀 tab\t"));
    }

    [Fact]
    public void HostileTextStillMakesAWellFormedDocument()
    {
        string nasty = "</text><script>alert(1)</script> & \u0001 \uDC00";
        var s = new SvgSurface(100, 50, nasty);
        s.Text(nasty, 10, 20, TextRole.Label, Color.Black);
        s.BeginGroup("series", nasty);
        s.EndGroup();
        XDocument doc = Svg.Parse(s.ToSvg());
        Assert.Empty(doc.Descendants(Svg.Ns + "script"));
        Assert.Equal("</text><script>alert(1)</script> & \uFFFD \uFFFD", doc.Descendants(Svg.Ns + "text").Single().Value);
    }

    [Fact]
    public void NumbersUseTwoDecimalsAndNoNegativeZero()
    {
        Assert.Equal("1.23", SvgSurface.Num(1.2345));
        Assert.Equal("0", SvgSurface.Num(-0.001));
        Assert.Equal("-3.5", SvgSurface.Num(-3.5));
        Assert.Throws<ArgumentException>(() => SvgSurface.Num(double.NaN));
    }

    [Fact]
    public void MarkersAreZeroLengthSubpathsWithRoundCaps()
    {
        var s = new SvgSurface(10, 10, "t");
        s.Markers([new PointD(1, 2), new PointD(3.5, 4)], Color.Black, 2, MarkerShape.Circle, 0.5);
        XElement path = Svg.Parse(s.ToSvg()).Descendants(Svg.Ns + "path").Single();
        Assert.Equal("M1 2h0M3.5 4h0", path.Attribute("d")!.Value);
        Assert.Equal(("4", "round", "0.5"), (path.Attribute("stroke-width")!.Value, path.Attribute("stroke-linecap")!.Value, path.Attribute("stroke-opacity")!.Value));
    }

    [Fact]
    public void VerticalTextIsRotatedAboutItsAnchor()
    {
        var s = new SvgSurface(100, 100, "t");
        s.Text("y label", 10, 50, TextRole.Label, Color.Black, HAlign.Center, VAlign.Baseline, vertical: true);
        XElement text = Svg.Parse(s.ToSvg()).Descendants(Svg.Ns + "text").Single();
        Assert.Equal("rotate(-90 10 50)", text.Attribute("transform")!.Value);
        Assert.Equal("middle", text.Attribute("text-anchor")!.Value);
    }
}
