using static TorchSharp.torch;

namespace GenCourse.Checkpoints;

/// <summary>The safetensors dtype names (F32, BF16, …) of the element types the engine has, with their sizes in bytes.</summary>
internal static class SafeTensorsDType
{
    private static readonly (string Name, ScalarType Type, int Size)[] Table =
    {
        ("F64", ScalarType.Float64, 8),
        ("F32", ScalarType.Float32, 4),
        ("F16", ScalarType.Float16, 2),
        ("BF16", ScalarType.BFloat16, 2),
        ("I64", ScalarType.Int64, 8),
        ("I32", ScalarType.Int32, 4),
        ("I16", ScalarType.Int16, 2),
        ("I8", ScalarType.Int8, 1),
        ("U8", ScalarType.Byte, 1),
        ("BOOL", ScalarType.Bool, 1),
    };

    /// <summary>Bytes per element of <paramref name="type"/> (one of the types in the table).</summary>
    internal static int Bytes(this ScalarType type)
    {
        foreach (var (_, t, size) in Table)
            if (t == type) return size;
        throw new ArgumentException($"dtype {type} has no safetensors name", nameof(type));
    }

    /// <summary>The names this reader knows, for error messages.</summary>
    internal static string KnownNames => string.Join(", ", Table.Select(e => e.Name));

    internal static bool TryParse(string name, out ScalarType type)
    {
        foreach (var (n, t, _) in Table)
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
        foreach (var (n, t, _) in Table)
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
