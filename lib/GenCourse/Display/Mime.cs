namespace GenCourse.Display;

/// <summary>The MIME types the display types write; all render natively in VS Code, Jupyter and GitHub.</summary>
internal static class Mime
{
    public const string Png = "image/png";
    public const string Svg = "image/svg+xml";
    public const string Plain = "text/plain";
    public const string Html = "text/html";
    public const string Markdown = "text/markdown";
}

/// <summary>A type that can write itself in several MIME types (PNG as base64, the rest as text).</summary>
internal interface IMimeFormattable
{
    /// <summary>Every MIME type <see cref="WriteMime"/> accepts.</summary>
    static abstract IReadOnlyList<string> MimeTypes { get; }

    /// <summary>Writes the value in <paramref name="mimeType"/>; false for a type it does not write.</summary>
    bool WriteMime(string mimeType, TextWriter writer);
}
