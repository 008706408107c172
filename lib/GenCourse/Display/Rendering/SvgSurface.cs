using System.Globalization;
using System.Text;

namespace GenCourse.Display.Rendering;

/// <summary>
/// Writes a self-contained SVG 1.1 document: no ids, no scripts, no external references
/// (images are PNG data URIs), so several figures can sit on one notebook page.
/// </summary>
internal sealed class SvgSurface : Surface
{
    private const string FontFamily = "Helvetica, Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif";
    private readonly StringBuilder body = new();
    private readonly string title;
    private int depth = 1;

    // title: the document's <title>, what screen readers announce
    public SvgSurface(int width, int height, string title) : base(width, height)
    {
        this.title = title;
    }

    public override TextMetrics Metrics => SvgTextMetrics.Instance;

    /// <summary>A number as SVG wants it: invariant culture, at most two decimals.</summary>
    public static string Num(double v)
    {
        if (!double.IsFinite(v)) throw new ArgumentException($"Cannot place an SVG element at {v}.");
        string text = Math.Round(v, 2).ToString("0.##", CultureInfo.InvariantCulture);
        return text == "-0" ? "0" : text;
    }

    /// <summary>
    /// Escapes text for XML content and attribute values; characters XML 1.0 forbids
    /// (C0 controls other than tab/newline/CR, lone surrogates, U+FFFE/FFFF) become U+FFFD.
    /// </summary>
    public static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length + 8);
        for (int i = 0; i < text.Length; ++i)
        {
            char c = text[i];
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&apos;"); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        sb.Append(c).Append(text[++i]);
                    }
                    else if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || char.IsSurrogate(c) || c == '\uFFFE' || c == '\uFFFF')
                    {
                        sb.Append('\uFFFD');
                    }
                    else
                    {
                        sb.Append(c);
                    }
                    break;
            }
        }
        return sb.ToString();
    }

    private StringBuilder Open() => body.Append(' ', 2 * depth);

    public override void FillRect(Rect r, Color fill, double opacity = 1)
    {
        Open().Append("<rect x=\"").Append(Num(r.X)).Append("\" y=\"").Append(Num(r.Y))
            .Append("\" width=\"").Append(Num(r.Width)).Append("\" height=\"").Append(Num(r.Height))
            .Append("\" fill=\"").Append(fill.Hex).Append('"');
        if (opacity < 1) body.Append(" fill-opacity=\"").Append(Num(opacity)).Append('"');
        body.Append("/>\n");
    }

    public override void StrokeRect(Rect r, Color stroke, double width) =>
        Open().Append("<rect x=\"").Append(Num(r.X)).Append("\" y=\"").Append(Num(r.Y))
            .Append("\" width=\"").Append(Num(r.Width)).Append("\" height=\"").Append(Num(r.Height))
            .Append("\" fill=\"none\" stroke=\"").Append(stroke.Hex).Append("\" stroke-width=\"").Append(Num(width)).Append("\"/>\n");

    public override void Line(PointD a, PointD b, Color stroke, double width) =>
        Open().Append("<line x1=\"").Append(Num(a.X)).Append("\" y1=\"").Append(Num(a.Y))
            .Append("\" x2=\"").Append(Num(b.X)).Append("\" y2=\"").Append(Num(b.Y))
            .Append("\" stroke=\"").Append(stroke.Hex).Append("\" stroke-width=\"").Append(Num(width)).Append("\"/>\n");

    public override void Polyline(IReadOnlyList<PointD> points, Color stroke, double width)
    {
        Open().Append("<polyline fill=\"none\" stroke=\"").Append(stroke.Hex).Append("\" stroke-width=\"").Append(Num(width))
            .Append("\" stroke-linejoin=\"round\" stroke-linecap=\"round\" points=\"");
        for (int i = 0; i < points.Count; ++i)
        {
            if (i > 0) body.Append(' ');
            body.Append(Num(points[i].X)).Append(',').Append(Num(points[i].Y));
        }
        body.Append("\"/>\n");
    }

    // All markers of a colour form one path of zero-length subpaths ("M x y h0"); a round
    // (or square) line cap draws each as a disc (or square) of diameter stroke-width, as the
    // SVG spec requires for zero-length subpaths. About 14 bytes a point instead of ~45 for <circle>.
    public override void Markers(IReadOnlyList<PointD> centers, Color fill, double radius, MarkerShape shape, double opacity)
    {
        if (centers.Count == 0) return;
        Open().Append("<path fill=\"none\" stroke=\"").Append(fill.Hex).Append("\" stroke-width=\"").Append(Num(2 * radius))
            .Append("\" stroke-linecap=\"").Append(shape == MarkerShape.Circle ? "round" : "square").Append('"');
        if (opacity < 1) body.Append(" stroke-opacity=\"").Append(Num(opacity)).Append('"');
        body.Append(" d=\"");
        foreach (PointD p in centers) body.Append('M').Append(Num(p.X)).Append(' ').Append(Num(p.Y)).Append("h0");
        body.Append("\"/>\n");
    }

    public override void Text(string text, double x, double y, TextRole role, Color color,
        HAlign h = HAlign.Left, VAlign v = VAlign.Baseline, bool vertical = false)
    {
        if (text.Length == 0) return;
        double cap = Metrics.CapHeight(role);
        // distance from the anchor to the baseline, measured "down" the glyphs
        double shift = v switch
        {
            VAlign.Top => cap,
            VAlign.Middle => cap / 2,
            VAlign.Baseline => 0,
            _ => -Metrics.Descent(role),
        };
        double bx = vertical ? x + shift : x, by = vertical ? y : y + shift;
        Open().Append("<text x=\"").Append(Num(bx)).Append("\" y=\"").Append(Num(by))
            .Append("\" font-size=\"").Append(Num(SvgTextMetrics.FontSize(role))).Append('"');
        if (role == TextRole.Title) body.Append(" font-weight=\"bold\"");
        if (h != HAlign.Left) body.Append(" text-anchor=\"").Append(h == HAlign.Center ? "middle" : "end").Append('"');
        if (color != Color.Black) body.Append(" fill=\"").Append(color.Hex).Append('"');
        if (vertical) body.Append(" transform=\"rotate(-90 ").Append(Num(bx)).Append(' ').Append(Num(by)).Append(")\"");
        body.Append('>').Append(Escape(text)).Append("</text>\n");
    }

    public override void Pixels(int x, int y, int width, int height, byte[] rgb)
    {
        string data = Convert.ToBase64String(PngEncoder.EncodeRgbCompact(rgb, width, height));
        Open().Append("<image x=\"").Append(x).Append("\" y=\"").Append(y).Append("\" width=\"").Append(width)
            .Append("\" height=\"").Append(height).Append("\" preserveAspectRatio=\"none\" href=\"data:image/png;base64,")
            .Append(data).Append("\"/>\n");
    }

    public override void BeginGroup(string cssClass, string? name = null)
    {
        Open().Append("<g class=\"").Append(Escape(cssClass)).Append('"');
        if (name is not null) body.Append(" data-name=\"").Append(Escape(name)).Append('"');
        body.Append(">\n");
        depth++;
    }

    public override void EndGroup()
    {
        depth--;
        Open().Append("</g>\n");
    }

    /// <summary>The finished document.</summary>
    public string ToSvg()
    {
        var sb = new StringBuilder(body.Length + 512);
        sb.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").Append(Width).Append("\" height=\"").Append(Height)
          .Append("\" viewBox=\"0 0 ").Append(Width).Append(' ').Append(Height)
          .Append("\" font-family=\"").Append(FontFamily).Append("\" role=\"img\">\n");
        sb.Append("  <title>").Append(Escape(title)).Append("</title>\n");
        sb.Append("  <rect width=\"").Append(Width).Append("\" height=\"").Append(Height).Append("\" fill=\"#FFFFFF\"/>\n");
        sb.Append(body);
        sb.Append("</svg>\n");
        return sb.ToString();
    }
}
