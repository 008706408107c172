using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GenCourse.Notebooks.Runner;

/// <summary>
/// Writes notebook JSON exactly as Jupyter and VS Code save it (Python's
/// <c>json.dumps(nb, sort_keys=True, indent=1, ensure_ascii=False) + "\n"</c>): keys sorted
/// by code point, one-space indent, <c>": "</c> and <c>","</c> separators, LF line ends,
/// non-ASCII kept as is, and a trailing newline. A re-run therefore diffs only where
/// outputs changed.
/// </summary>
internal static class NotebookJsonWriter
{
    public static string Write(JsonNode? root)
    {
        var text = new StringBuilder();
        WriteNode(text, root, 0);
        text.Append('\n');
        return text.ToString();
    }

    private static void WriteNode(StringBuilder text, JsonNode? node, int depth)
    {
        switch (node)
        {
            case null:
                text.Append("null");
                break;
            case JsonObject obj:
                WriteObject(text, obj, depth);
                break;
            case JsonArray array:
                WriteArray(text, array, depth);
                break;
            case JsonValue value:
                WriteValue(text, value);
                break;
        }
    }

    private static void WriteObject(StringBuilder text, JsonObject obj, int depth)
    {
        if (obj.Count == 0) { text.Append("{}"); return; }
        // Python sorts str keys by code point, which is ordinal order for the BMP.
        var keys = obj.Select(p => p.Key).OrderBy(k => k, StringComparer.Ordinal).ToList();
        text.Append("{\n");
        for (int i = 0; i < keys.Count; i++)
        {
            Indent(text, depth + 1);
            WriteString(text, keys[i]);
            text.Append(": ");
            WriteNode(text, obj[keys[i]], depth + 1);
            text.Append(i + 1 < keys.Count ? ",\n" : "\n");
        }
        Indent(text, depth);
        text.Append('}');
    }

    private static void WriteArray(StringBuilder text, JsonArray array, int depth)
    {
        if (array.Count == 0) { text.Append("[]"); return; }
        text.Append("[\n");
        for (int i = 0; i < array.Count; i++)
        {
            Indent(text, depth + 1);
            WriteNode(text, array[i], depth + 1);
            text.Append(i + 1 < array.Count ? ",\n" : "\n");
        }
        Indent(text, depth);
        text.Append(']');
    }

    private static void WriteValue(StringBuilder text, JsonValue value)
    {
        if (value.TryGetValue(out string? s)) { WriteString(text, s); return; }
        if (value.TryGetValue(out JsonElement element))
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String: WriteString(text, element.GetString()!); return;
                case JsonValueKind.Number: text.Append(element.GetRawText()); return;
                case JsonValueKind.True: text.Append("true"); return;
                case JsonValueKind.False: text.Append("false"); return;
                case JsonValueKind.Null: text.Append("null"); return;
            }
        }
        if (value.TryGetValue(out bool b)) { text.Append(b ? "true" : "false"); return; }
        if (value.TryGetValue(out double d)) { text.Append(FormatDouble(d)); return; }
        if (value.TryGetValue(out float f)) { text.Append(FormatDouble(f)); return; }
        // Integers and decimals: System.Text.Json's own text is already plain JSON.
        text.Append(value.ToJsonString());
    }

    /// <summary>
    /// A double as Python's <c>repr</c> writes it (what Jupyter writes): the shortest digits that
    /// round-trip, positional for exponents −4 ≤ e &lt; 16 (with ".0" on whole numbers), else
    /// scientific with a two-digit exponent (<c>1e-05</c>, <c>1e+16</c>).
    /// </summary>
    internal static string FormatDouble(double d)
    {
        if (!double.IsFinite(d))
            throw new ArgumentException($"{d} cannot be written to a notebook: JSON has no NaN or Infinity.");
        if (d == 0) return double.IsNegative(d) ? "-0.0" : "0.0";
        // "E16" would round; "R" gives the shortest round-trip digits, in either notation.
        string r = Math.Abs(d).ToString("R", CultureInfo.InvariantCulture);
        int e = r.IndexOf('E');
        string mantissa = e < 0 ? r : r[..e];
        int exponent = e < 0 ? 0 : int.Parse(r[(e + 1)..], CultureInfo.InvariantCulture);
        int point = mantissa.IndexOf('.');
        string digits = mantissa.Replace(".", "");
        int intDigits = point < 0 ? mantissa.Length : point;
        // Normalize to digits d1 d2 … with the value d1.d2… × 10^exp10.
        int lead = digits.TakeWhile(c => c == '0').Count();
        digits = digits[lead..].TrimEnd('0');
        int exp10 = intDigits - 1 - lead + exponent;
        string sign = d < 0 ? "-" : "";
        if (exp10 is < -4 or >= 16)
        {
            string m = digits.Length == 1 ? digits : digits[0] + "." + digits[1..];
            return $"{sign}{m}e{(exp10 < 0 ? "-" : "+")}{Math.Abs(exp10):00}";
        }
        if (exp10 < 0) return $"{sign}0.{new string('0', -exp10 - 1)}{digits}";
        string whole = digits.Length > exp10 + 1 ? digits[..(exp10 + 1)] : digits.PadRight(exp10 + 1, '0');
        string fraction = digits.Length > exp10 + 1 ? digits[(exp10 + 1)..] : "0";
        return $"{sign}{whole}.{fraction}";
    }

    private static void WriteString(StringBuilder text, string s)
    {
        text.Append('"');
        foreach (char c in s)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case '\b': text.Append("\\b"); break;
                case '\f': text.Append("\\f"); break;
                default:
                    if (c < 0x20) text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else text.Append(c);
                    break;
            }
        }
        text.Append('"');
    }

    private static void Indent(StringBuilder text, int depth) => text.Append(' ', depth);
}
