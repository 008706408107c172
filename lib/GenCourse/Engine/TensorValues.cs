using TorchSharp;
using static TorchSharp.torch;

namespace GenCourse.Engine;

/// <summary>
/// Values out of a tensor into a .NET array, converted. TorchSharp's <c>data&lt;T&gt;()</c> and
/// <c>item&lt;T&gt;()</c> demand that <c>T</c> match the dtype exactly (<c>item&lt;double&gt;()</c> of a
/// float32 loss throws) and leave the intermediate copies of a conversion to the finalizer;
/// this converts, copies from any device, and frees what it made. For one value use
/// TorchSharp's <c>ToDouble()</c>, <c>ToSingle()</c> or <c>ToInt64()</c>, which convert.
/// </summary>
public static class TensorValues
{
    /// <summary>The values in row-major order, converted to <typeparamref name="T"/> (double, float, Half, long, int, short, sbyte, byte or bool).</summary>
    public static T[] ToArray<T>(this Tensor tensor) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(tensor);
        ScalarType type = DTypeOf(typeof(T));
        using var noGrad = torch.no_grad();
        using Tensor cpu = tensor.detach().to(type, CPU);
        using Tensor dense = cpu.contiguous();
        if (dense.numel() == 0) return [];   // TorchSharp's accessor throws on an empty tensor
        return System.Runtime.InteropServices.MemoryMarshal.Cast<byte, T>(dense.bytes).ToArray();
    }

    private static ScalarType DTypeOf(Type t) =>
        t == typeof(double) ? ScalarType.Float64 :
        t == typeof(float) ? ScalarType.Float32 :
        t == typeof(Half) ? ScalarType.Float16 :
        t == typeof(long) ? ScalarType.Int64 :
        t == typeof(int) ? ScalarType.Int32 :
        t == typeof(short) ? ScalarType.Int16 :
        t == typeof(sbyte) ? ScalarType.Int8 :
        t == typeof(byte) ? ScalarType.Byte :
        t == typeof(bool) ? ScalarType.Bool :
        throw new ArgumentException($"no tensor dtype holds {t.Name}; use double, float, Half, long, int, short, sbyte, byte or bool");
}
