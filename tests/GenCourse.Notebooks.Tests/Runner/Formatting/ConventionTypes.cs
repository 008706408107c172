namespace GenCourse.Notebooks.Tests.Runner.Formatting;

// Display types written the way the course library writes them: an internal attribute named
// TypeFormatterSourceAttribute (no package reference) naming a formatter source.

[AttributeUsage(AttributeTargets.Class | AttributeTargets.Interface)]
internal sealed class TypeFormatterSourceAttribute(Type formatterSourceType) : Attribute
{
    public Type FormatterSourceType { get; } = formatterSourceType;

    public string[]? PreferredMimeTypes { get; set; }
}

internal sealed class TextFormatter(string mimeType, Func<object, string?> render, Type? type = null)
{
    public string MimeType { get; } = mimeType;

    public Type? Type { get; } = type;

    public bool Format(object value, TextWriter writer)
    {
        string? text = render(value);
        if (text is null) return false;
        writer.Write(text);
        return true;
    }
}

internal sealed class PngSource
{
    // 1×1 PNG (signature, IHDR, IDAT, IEND).
    public const string Png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

    public IEnumerable<object> CreateTypeFormatters() => [new TextFormatter("image/png", _ => Png)];
}

[TypeFormatterSource(typeof(PngSource))]
internal sealed class PngFigure
{
    public override string ToString() => "a png figure";
}

internal sealed class ManySource
{
    public IEnumerable<object> CreateTypeFormatters() =>
    [
        new TextFormatter("image/svg+xml", v => "<svg/>"),
        new TextFormatter("text/html", v => "<i>html</i>"),
        // Declines: the next text/html formatter is tried.
        new TextFormatter("text/markdown", v => null),
        new TextFormatter("text/plain", v => "plain from formatter"),
    ];
}

[TypeFormatterSource(typeof(ManySource))]
internal sealed class ManyFigure;

[TypeFormatterSource(typeof(ManySource), PreferredMimeTypes = ["text/html"])]
internal sealed class PreferredFigure;

internal sealed class TypedSource
{
    // Applies only to Special values, though the attribute sits on the base type.
    public IEnumerable<object> CreateTypeFormatters() => [new TextFormatter("text/html", v => "<b>special</b>", typeof(SpecialShape))];
}

[TypeFormatterSource(typeof(TypedSource))]
internal class Shape;

internal sealed class SpecialShape : Shape;

internal sealed class BrokenPngSource
{
    public IEnumerable<object> CreateTypeFormatters() => [new TextFormatter("image/png", _ => Convert.ToBase64String("GIF89a"u8.ToArray()))];
}

[TypeFormatterSource(typeof(BrokenPngSource))]
internal sealed class NotReallyPng;

internal sealed class WrongSignatureFormatter
{
    public string MimeType => "text/html";

    public bool Format(object value, StringWriter writer) => true;
}

internal sealed class WrongSignatureSource
{
    public IEnumerable<object> CreateTypeFormatters() => [new WrongSignatureFormatter()];
}

[TypeFormatterSource(typeof(WrongSignatureSource))]
internal sealed class WrongSignature;
