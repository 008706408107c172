using System.Text;
using System.Text.Json.Nodes;

namespace GenCourse.Notebooks.Runner;

/// <summary>
/// nbformat's "multiline string": a string, or an array of lines each ending in "\n" except
/// the last. Read either form; write the array form, as Jupyter does.
/// </summary>
internal static class MultilineText
{
    public static string Join(JsonNode? node, string what)
    {
        switch (node)
        {
            case null:
                return "";
            case JsonValue value when value.TryGetValue(out string? s):
                return s;
            case JsonArray lines:
                var text = new StringBuilder();
                foreach (JsonNode? line in lines)
                {
                    if (line is JsonValue v && v.TryGetValue(out string? part)) text.Append(part);
                    else throw new NotebookFormatException($"{what} must be a string or an array of strings; found {line?.ToJsonString() ?? "null"}.");
                }
                return text.ToString();
            default:
                throw new NotebookFormatException($"{what} must be a string or an array of strings; found {node.ToJsonString()}.");
        }
    }

    /// <summary>Splits after each "\n" (CRLF and CR become LF first).</summary>
    public static JsonArray Split(string text)
    {
        string normalized = text.Replace("\r\n", "\n");
        var lines = new JsonArray();
        int start = 0;
        while (start < normalized.Length)
        {
            int end = normalized.IndexOf('\n', start);
            if (end < 0) { lines.Add(normalized[start..]); break; }
            lines.Add(normalized[start..(end + 1)]);
            start = end + 1;
        }
        return lines;
    }
}
