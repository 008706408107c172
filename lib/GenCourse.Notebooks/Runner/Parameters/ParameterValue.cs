using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis.CSharp;

namespace GenCourse.Notebooks.Runner.Parameters;

/// <summary>
/// An override parsed to its parameter's declared type: the C# literal that the injected
/// cell assigns, and the JSON recorded in <c>metadata.papermill.parameters</c>.
/// </summary>
public sealed class ParameterValue
{
    private ParameterValue(ParameterDeclaration declaration, object? value)
    {
        Declaration = declaration;
        Value = value;
    }

    public ParameterDeclaration Declaration { get; }

    /// <summary>The value as its CLR type (an array for array parameters; null only if nullable).</summary>
    public object? Value { get; }

    /// <summary>Parses command-line text (<c>--param name=text</c>); arrays are comma-separated or a JSON array.</summary>
    public static ParameterValue Parse(ParameterDeclaration declaration, string text, string origin)
    {
        ParameterType type = RequireSettable(declaration, origin);
        if (type.IsArray)
        {
            string t = text.Trim();
            if (t.StartsWith('['))
                return FromJson(declaration, ParseJson(t, declaration, origin), origin);
            string[] parts = t.Length == 0 ? [] : t.Split(',');
            return new(declaration, MakeArray(type, parts.Select(p => ParseScalar(declaration, type, p.Trim(), origin)).ToList()));
        }
        return new(declaration, ParseScalar(declaration, type, text, origin));
    }

    /// <summary>Converts a JSON value (from <c>--params-file</c> or the notebook's quick profile).</summary>
    public static ParameterValue FromJson(ParameterDeclaration declaration, JsonElement json, string origin)
    {
        ParameterType type = RequireSettable(declaration, origin);
        if (type.IsArray)
        {
            if (json.ValueKind != JsonValueKind.Array)
                throw Bad(declaration, json.GetRawText(), origin, "a JSON array");
            return new(declaration, MakeArray(type, json.EnumerateArray().Select(e => ScalarFromJson(declaration, type, e, origin)).ToList()));
        }
        return new(declaration, ScalarFromJson(declaration, type, json, origin));
    }

    /// <summary>The right-hand side of the injected assignment, e.g. <c>0.001</c>, <c>"cuda"</c>, <c>new int[] { 1, 2 }</c>.</summary>
    public string CSharpLiteral
    {
        get
        {
            ParameterType type = Declaration.Type!;
            if (Value is Array array)
                return $"new {type.ScalarKeyword}{(type.IsNullable ? "?" : "")}[] {{ {string.Join(", ", array.Cast<object?>().Select(Literal))} }}";
            return Literal(Value);
        }
    }

    /// <summary>The value as JSON, for <c>metadata.papermill.parameters</c>.</summary>
    public JsonNode? Json => Value is Array array ? new JsonArray(array.Cast<object?>().Select(JsonOf).ToArray()) : JsonOf(Value);

    private static string Literal(object? v) => v switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        string s => SymbolDisplay.FormatLiteral(s, quote: true),
        char c => SymbolDisplay.FormatLiteral(c, quote: true),
        double d when double.IsNaN(d) => "double.NaN",
        double d when double.IsInfinity(d) => d > 0 ? "double.PositiveInfinity" : "double.NegativeInfinity",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f when float.IsNaN(f) => "float.NaN",
        float f when float.IsInfinity(f) => f > 0 ? "float.PositiveInfinity" : "float.NegativeInfinity",
        float f => f.ToString("R", CultureInfo.InvariantCulture) + "f",
        decimal m => m.ToString(CultureInfo.InvariantCulture) + "m",
        ulong u => u.ToString(CultureInfo.InvariantCulture) + "UL",
        uint u => u.ToString(CultureInfo.InvariantCulture) + "U",
        long l => l.ToString(CultureInfo.InvariantCulture) + "L",
        IFormattable n => n.ToString(null, CultureInfo.InvariantCulture),
        _ => throw new InvalidOperationException($"no literal for {v.GetType()}"),
    };

    private static JsonNode? JsonOf(object? v) => v switch
    {
        null => null,
        bool b => JsonValue.Create(b),
        string s => JsonValue.Create(s),
        char c => JsonValue.Create(c.ToString()),
        double d when !double.IsFinite(d) => JsonValue.Create(d.ToString(CultureInfo.InvariantCulture)),
        float f when !float.IsFinite(f) => JsonValue.Create(f.ToString(CultureInfo.InvariantCulture)),
        double d => JsonValue.Create(d),
        float f => JsonValue.Create((double)f),
        decimal m => JsonNode.Parse(m.ToString(CultureInfo.InvariantCulture)),
        IFormattable n => JsonNode.Parse(n.ToString(null, CultureInfo.InvariantCulture)),
        _ => JsonValue.Create(v.ToString()),
    };

    private static ParameterType RequireSettable(ParameterDeclaration d, string origin) =>
        d.Type ?? throw new NotebookFormatException(
            $"{origin}: parameter '{d.Name}' is declared as `{d.Declaration}`, a type the runner cannot set. " +
            "Declare it with a built-in type (bool, int, long, float, double, decimal, string, char or an array of one) and convert it in a later cell.");

    private static object? ParseScalar(ParameterDeclaration d, ParameterType type, string text, string origin)
    {
        if (type.IsNullable && text.Trim() == "null") return null;
        CultureInfo inv = CultureInfo.InvariantCulture;
        const NumberStyles Integer = NumberStyles.AllowLeadingSign;
        const NumberStyles Real = NumberStyles.Float;
        string t = type.Scalar == typeof(string) ? text : text.Trim();
        object? parsed = type.Scalar switch
        {
            var s when s == typeof(string) => t,
            var s when s == typeof(char) => t.Length == 1 ? t[0] : null,
            var s when s == typeof(bool) => t.Equals("true", StringComparison.OrdinalIgnoreCase) ? true
                : t.Equals("false", StringComparison.OrdinalIgnoreCase) ? false : null,
            var s when s == typeof(byte) => byte.TryParse(t, Integer, inv, out byte v) ? v : null,
            var s when s == typeof(sbyte) => sbyte.TryParse(t, Integer, inv, out sbyte v) ? v : null,
            var s when s == typeof(short) => short.TryParse(t, Integer, inv, out short v) ? v : null,
            var s when s == typeof(ushort) => ushort.TryParse(t, Integer, inv, out ushort v) ? v : null,
            var s when s == typeof(int) => int.TryParse(t, Integer, inv, out int v) ? v : null,
            var s when s == typeof(uint) => uint.TryParse(t, Integer, inv, out uint v) ? v : null,
            var s when s == typeof(long) => long.TryParse(t, Integer, inv, out long v) ? v : null,
            var s when s == typeof(ulong) => ulong.TryParse(t, Integer, inv, out ulong v) ? v : null,
            var s when s == typeof(float) => float.TryParse(t, Real, inv, out float v) ? v : null,
            var s when s == typeof(double) => double.TryParse(t, Real, inv, out double v) ? v : null,
            var s when s == typeof(decimal) => decimal.TryParse(t, Real, inv, out decimal v) ? v : null,
            _ => null,
        };
        return parsed ?? throw Bad(d, text, origin, $"a {type.ScalarKeyword}");
    }

    private static object? ScalarFromJson(ParameterDeclaration d, ParameterType type, JsonElement e, string origin)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Null when type.IsNullable:
                return null;
            case JsonValueKind.String when type.Scalar == typeof(string) || type.Scalar == typeof(char) || IsNumeric(type.Scalar) || type.Scalar == typeof(bool):
                return ParseScalar(d, type, e.GetString()!, origin);
            case JsonValueKind.Number when IsNumeric(type.Scalar):
            case JsonValueKind.True or JsonValueKind.False when type.Scalar == typeof(bool):
                return ParseScalar(d, type, e.GetRawText(), origin);
            default:
                throw Bad(d, e.GetRawText(), origin, $"a {type.ScalarKeyword}");
        }
    }

    private static bool IsNumeric(Type t) => t != typeof(string) && t != typeof(char) && t != typeof(bool);

    private static Array MakeArray(ParameterType type, List<object?> items)
    {
        Type element = type.IsNullable && type.Scalar.IsValueType ? typeof(Nullable<>).MakeGenericType(type.Scalar) : type.Scalar;
        Array array = Array.CreateInstance(element, items.Count);
        for (int i = 0; i < items.Count; i++) array.SetValue(items[i], i);
        return array;
    }

    private static JsonElement ParseJson(string text, ParameterDeclaration d, string origin)
    {
        try
        {
            using JsonDocument doc = JsonDocument.Parse(text);
            return doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw Bad(d, text, origin, "a JSON array or comma-separated values");
        }
    }

    private static NotebookFormatException Bad(ParameterDeclaration d, string text, string origin, string expected) =>
        new($"{origin}: '{text}' is not {expected} for parameter '{d.Name}' (declared `{d.Declaration}`).");
}
