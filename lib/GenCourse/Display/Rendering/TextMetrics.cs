namespace GenCourse.Display.Rendering;

/// <summary>Text sizes of one backend, so that a figure can lay itself out before it draws.</summary>
internal abstract class TextMetrics
{
    /// <summary>Advance width of one line of text.</summary>
    public abstract double Width(string text, TextRole role);

    /// <summary>Height of capitals and digits above the baseline.</summary>
    public abstract double CapHeight(TextRole role);

    /// <summary>Depth of descenders below the baseline.</summary>
    public abstract double Descent(TextRole role);

    /// <summary>Cap height plus descent: the box a line of text needs.</summary>
    public double Height(TextRole role) => CapHeight(role) + Descent(role);
}

/// <summary>The built-in bitmap font at an integer scale per role.</summary>
internal sealed class RasterTextMetrics : TextMetrics
{
    public static readonly RasterTextMetrics Instance = new();

    private RasterTextMetrics() { }

    /// <summary>Font pixels per glyph pixel: titles at 2×, everything else at 1×.</summary>
    public static int Scale(TextRole role) => role switch
    {
        TextRole.Title => 2,
        _ => 1,
    };

    public override double Width(string text, TextRole role) => BitmapFont.MeasureWidth(text, Scale(role));
    public override double CapHeight(TextRole role) => BitmapFont.CapHeight * Scale(role);
    public override double Descent(TextRole role) => (BitmapFont.GlyphHeight - BitmapFont.CapHeight) * Scale(role);
}

/// <summary>
/// Estimates for the viewer's sans-serif font (Helvetica/Arial widths, rounded up a little so
/// that DejaVu Sans, which is wider, still fits the layout).
/// </summary>
internal sealed class SvgTextMetrics : TextMetrics
{
    public static readonly SvgTextMetrics Instance = new();

    private SvgTextMetrics() { }

    /// <summary>CSS font size in pixels per role.</summary>
    public static double FontSize(TextRole role) => role switch
    {
        TextRole.Title => 16,
        TextRole.Label => 13,
        TextRole.Tick => 11,
        TextRole.Legend => 12,
        TextRole.Caption => 11,
        TextRole.Note => 10,
        _ => 10,
    };

    public override double Width(string text, TextRole role)
    {
        double em = 0;
        foreach (char c in text) em += EmWidth(c);
        return 1.08 * em * FontSize(role) * (role == TextRole.Title ? 1.05 : 1.0);
    }

    public override double CapHeight(TextRole role) => 0.72 * FontSize(role);
    public override double Descent(TextRole role) => 0.22 * FontSize(role);

    // Advance widths in em of Helvetica/Arial, grouped.
    private static double EmWidth(char c) => c switch
    {
        ' ' or '.' or ',' or ':' or ';' or '!' or '|' or '\'' or 'i' or 'j' or 'l' or 'I' => 0.278,
        'f' or 't' or 'r' or '(' or ')' or '[' or ']' or '/' or '\\' or '-' => 0.333,
        'm' or 'M' or 'W' or '@' or '%' => 0.85,
        'w' => 0.72,
        >= 'A' and <= 'Z' => 0.68,
        >= '0' and <= '9' => 0.556,
        >= 'a' and <= 'z' => 0.54,
        _ => 0.6,
    };
}
