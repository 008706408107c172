using System.Text.Json.Nodes;

namespace GenCourse.Notebooks.Runner.Formatting;

/// <summary>
/// One value rendered in several MIME types, in the order they were produced
/// (an output's <c>data</c> object). Binary types hold base64 text.
/// </summary>
public sealed class MimeBundle
{
    private readonly List<KeyValuePair<string, string>> entries = [];

    public IReadOnlyList<KeyValuePair<string, string>> Entries => entries;

    public void Add(string mimeType, string text)
    {
        entries.RemoveAll(e => e.Key == mimeType);
        entries.Add(new(mimeType, text));
    }

    public bool TryGet(string mimeType, out string text)
    {
        foreach (var e in entries)
            if (e.Key == mimeType) { text = e.Value; return true; }
        text = "";
        return false;
    }

    /// <summary>
    /// Binary types are one base64 string (what Polyglot decodes: image/png, image/jpeg,
    /// image/gif); text types are arrays of lines, as Jupyter writes them.
    /// </summary>
    public static bool IsBase64MimeType(string mimeType) => mimeType is "image/png" or "image/jpeg" or "image/gif";

    internal JsonObject ToJson()
    {
        var data = new JsonObject();
        foreach (var (mime, text) in entries)
            data[mime] = IsBase64MimeType(mime) ? JsonValue.Create(text) : MultilineText.Split(text);
        return data;
    }
}
