using System.Globalization;
using System.Xml.Linq;

namespace GenCourse.Tests.Display;

/// <summary>Reads the SVG the figures write: well-formedness, groups, texts, the plot frame.</summary>
public static class Svg
{
    public static readonly XNamespace Ns = "http://www.w3.org/2000/svg";

    /// <summary>Parses the document (throws on malformed XML) and checks its root.</summary>
    public static XDocument Parse(string svg)
    {
        XDocument doc = XDocument.Parse(svg);
        Assert.Equal(Ns + "svg", doc.Root!.Name);
        return doc;
    }

    public static double Num(XElement e, string attribute) =>
        double.Parse(e.Attribute(attribute)?.Value ?? throw new Xunit.Sdk.XunitException($"<{e.Name.LocalName}> has no {attribute}"), CultureInfo.InvariantCulture);

    /// <summary>All groups with the given class (and data-name when given).</summary>
    public static IEnumerable<XElement> Groups(XDocument doc, string cssClass, string? name = null) =>
        doc.Descendants(Ns + "g").Where(g => (string?)g.Attribute("class") == cssClass && (name is null || (string?)g.Attribute("data-name") == name));

    public static XElement Group(XDocument doc, string cssClass, string? name = null) => Assert.Single(Groups(doc, cssClass, name));

    /// <summary>Every text element's content.</summary>
    public static List<string> Texts(XContainer c) => c.Descendants(Ns + "text").Select(t => t.Value).ToList();

    /// <summary>The plot area: the frame rectangle drawn first in the "axes" group.</summary>
    public static (double X, double Y, double W, double H) Frame(XDocument doc)
    {
        XElement rect = Group(doc, "axes").Elements(Ns + "rect").First();
        return (Num(rect, "x"), Num(rect, "y"), Num(rect, "width"), Num(rect, "height"));
    }

    /// <summary>The points of a polyline.</summary>
    public static List<(double X, double Y)> Points(XElement polyline) =>
        polyline.Attribute("points")!.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split(','))
            .Select(p => (double.Parse(p[0], CultureInfo.InvariantCulture), double.Parse(p[1], CultureInfo.InvariantCulture)))
            .ToList();

    /// <summary>The marker centres of a path of "M x y h0" subpaths.</summary>
    public static List<(double X, double Y)> MarkerCenters(XElement path) =>
        path.Attribute("d")!.Value.Split('M', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => s.Replace("h0", "").Split(' '))
            .Select(p => (double.Parse(p[0], CultureInfo.InvariantCulture), double.Parse(p[1], CultureInfo.InvariantCulture)))
            .ToList();
}
