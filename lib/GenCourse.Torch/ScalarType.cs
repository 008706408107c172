namespace GenCourse.Torch;

/// <summary>Element types, numbered as c10::ScalarType (the numbers cross the bridge).</summary>
public enum ScalarType
{
    UInt8 = 0,
    Int8 = 1,
    Int16 = 2,
    Int32 = 3,
    Int64 = 4,
    Float16 = 5,
    Float32 = 6,
    Float64 = 7,
    Bool = 11,
    BFloat16 = 15,
}

/// <summary>Sizes and names of <see cref="ScalarType"/> values.</summary>
public static class ScalarTypeExtensions
{
    /// <summary>Bytes per element.</summary>
    public static int ElementSize(this ScalarType t) => t switch
    {
        ScalarType.UInt8 or ScalarType.Int8 or ScalarType.Bool => 1,
        ScalarType.Int16 or ScalarType.Float16 or ScalarType.BFloat16 => 2,
        ScalarType.Int32 or ScalarType.Float32 => 4,
        ScalarType.Int64 or ScalarType.Float64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(t), t, "unknown scalar type"),
    };

    /// <summary>PyTorch's name, e.g. <c>float32</c>.</summary>
    public static string TorchName(this ScalarType t) => t switch
    {
        ScalarType.UInt8 => "uint8",
        ScalarType.Int8 => "int8",
        ScalarType.Int16 => "int16",
        ScalarType.Int32 => "int32",
        ScalarType.Int64 => "int64",
        ScalarType.Float16 => "float16",
        ScalarType.Float32 => "float32",
        ScalarType.Float64 => "float64",
        ScalarType.Bool => "bool",
        ScalarType.BFloat16 => "bfloat16",
        _ => t.ToString(),
    };

    /// <summary>True for floating-point types.</summary>
    public static bool IsFloatingPoint(this ScalarType t) =>
        t is ScalarType.Float16 or ScalarType.Float32 or ScalarType.Float64 or ScalarType.BFloat16;

    /// <summary>The element type for a .NET type, as used by <c>torch.tensor</c> and <c>ToArray</c>.</summary>
    public static ScalarType ForClrType(Type t) =>
        t == typeof(float) ? ScalarType.Float32 :
        t == typeof(double) ? ScalarType.Float64 :
        t == typeof(long) ? ScalarType.Int64 :
        t == typeof(int) ? ScalarType.Int32 :
        t == typeof(short) ? ScalarType.Int16 :
        t == typeof(byte) ? ScalarType.UInt8 :
        t == typeof(sbyte) ? ScalarType.Int8 :
        t == typeof(bool) ? ScalarType.Bool :
        t == typeof(Half) ? ScalarType.Float16 :
        throw new ArgumentException($"no tensor element type for {t.Name}; use float, double, long, int, short, byte, sbyte, bool or Half");
}
