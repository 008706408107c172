namespace GenCourse.Notebooks.Runner;

/// <summary>HTML to display as text/html, made by <c>HTML("…")</c> as in .NET Interactive.</summary>
public sealed class HtmlContent(string html)
{
    public string Html { get; } = html;

    public override string ToString() => Html;
}
