namespace GenCourse.Notebooks.Runner.Parameters;

/// <summary>
/// The C# type of a parameter the runner can set from text or JSON: a built-in scalar,
/// possibly nullable, or a one-dimensional array of one.
/// </summary>
public sealed record ParameterType(Type Scalar, bool IsNullable, bool IsArray)
{
    private static readonly Dictionary<string, Type> Keywords = new(StringComparer.Ordinal)
    {
        ["bool"] = typeof(bool), ["byte"] = typeof(byte), ["sbyte"] = typeof(sbyte), ["short"] = typeof(short),
        ["ushort"] = typeof(ushort), ["int"] = typeof(int), ["uint"] = typeof(uint), ["long"] = typeof(long),
        ["ulong"] = typeof(ulong), ["float"] = typeof(float), ["double"] = typeof(double), ["decimal"] = typeof(decimal),
        ["char"] = typeof(char), ["string"] = typeof(string),
    };

    /// <summary>Reads a declared type such as <c>int</c>, <c>double?</c>, <c>System.Int64</c> or <c>string[]</c>; null if unsupported.</summary>
    public static ParameterType? FromDeclared(string typeText)
    {
        string t = string.Concat(typeText.Where(c => !char.IsWhiteSpace(c)));
        bool isArray = t.EndsWith("[]", StringComparison.Ordinal);
        if (isArray) t = t[..^2];
        bool nullable = t.EndsWith('?');
        if (nullable) t = t[..^1];
        if (t.StartsWith("System.", StringComparison.Ordinal)) t = t["System.".Length..];
        Type? scalar = Keywords.TryGetValue(t, out Type? k) ? k : Keywords.Values.FirstOrDefault(v => v.Name == t);
        return scalar is null ? null : new ParameterType(scalar, nullable, isArray);
    }

    public static ParameterType Of(Type scalar) => new(scalar, false, false);

    /// <summary>The C# keyword of the scalar type (<c>int</c>, <c>double</c>, …).</summary>
    public string ScalarKeyword => Keywords.First(p => p.Value == Scalar).Key;

    public override string ToString() => ScalarKeyword + (IsNullable ? "?" : "") + (IsArray ? "[]" : "");
}
