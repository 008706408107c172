namespace GenCourse.Torch.Serialization;

/// <summary>The safetensors dtype names (F32, BF16, …) of the element types the engine has.</summary>
internal static class SafeTensorsDType
{
    private static readonly (string Name, ScalarType Type)[] Table =
    {
        ("F64", ScalarType.Float64),
        ("F32", ScalarType.Float32),
        ("F16", ScalarType.Float16),
        ("BF16", ScalarType.BFloat16),
        ("I64", ScalarType.Int64),
        ("I32", ScalarType.Int32),
        ("I16", ScalarType.Int16),
        ("I8", ScalarType.Int8),
        ("U8", ScalarType.UInt8),
        ("BOOL", ScalarType.Bool),
    };

    /// <summary>The names this reader knows, for error messages.</summary>
    internal static string KnownNames => string.Join(", ", Table.Select(e => e.Name));

    internal static bool TryParse(string name, out ScalarType type)
    {
        foreach (var (n, t) in Table)
        {
            if (n == name)
            {
                type = t;
                return true;
            }
        }
        type = default;
        return false;
    }

    internal static bool TryName(ScalarType type, out string name)
    {
        foreach (var (n, t) in Table)
        {
            if (t == type)
            {
                name = n;
                return true;
            }
        }
        name = "";
        return false;
    }
}
