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
