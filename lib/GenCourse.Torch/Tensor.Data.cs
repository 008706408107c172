using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using GenCourse.Torch.Interop;

namespace GenCourse.Torch;

// Moving values between .NET and libtorch; conversions between dtypes and devices.
public sealed partial class Tensor
{
    private static readonly Op ToDtype = new("aten::to", "dtype");
    private static readonly Op ToDevice = new("aten::to", "device");
    private static readonly Op Clone = new("aten::clone");

    /// <summary>
    /// Copies the values out, in row-major order, converted to <typeparamref name="T"/>
    /// (from any device).
    /// </summary>
    public unsafe T[] ToArray<T>() where T : unmanaged
    {
        ScalarType st = ScalarTypeExtensions.ForClrType(typeof(T));
        var result = new T[numel()];
        fixed (T* p = result)
        {
            long written = NativeMethods.gc_tensor_copy_out(Handle, (int)st, p, (long)result.Length * sizeof(T));
            NativeMethods.Check(written, "Tensor.ToArray");
        }
        return result;
    }

    /// <summary>The value of a one-element tensor, converted to <typeparamref name="T"/>.</summary>
    public unsafe T item<T>() where T : unmanaged
    {
        long n = numel();
        if (n != 1)
            throw new InvalidOperationException($"item() needs a tensor with one element, but this one has {n} (shape [{string.Join(", ", shape)}]); reduce it first, e.g. with .sum() or .mean().");
        // Straight into a local: reading the loss every step leaves no garbage.
        T value;
        NativeMethods.Check(NativeMethods.gc_tensor_copy_out(Handle, (int)ScalarTypeExtensions.ForClrType(typeof(T)), &value, sizeof(T)), "Tensor.item");
        return value;
    }

    /// <summary>Converts to another element type (a copy unless it already has it).</summary>
    public Tensor to(ScalarType dtype, bool copy = false) => ToDtype.Call(this, dtype, false, copy, Arg.None);

    /// <summary>Moves to a device (a copy unless it is already there).</summary>
    public Tensor to(Device device, bool copy = false, bool non_blocking = false) =>
        ToDevice.Call(this, device, dtype, non_blocking, copy, Arg.None);

    /// <summary>Moves to a device and converts the element type.</summary>
    public Tensor to(Device device, ScalarType dtype, bool copy = false) => ToDevice.Call(this, device, dtype, false, copy, Arg.None);

    public Tensor cpu() => to(Device.CPU);
    public Tensor cuda(int index = 0) => to(new Device(DeviceType.CUDA, index));
    public Tensor @float() => to(ScalarType.Float32);
    public Tensor @double() => to(ScalarType.Float64);
    public Tensor @long() => to(ScalarType.Int64);

    /// <summary>A copy with its own storage (autograd records it, unlike <see cref="detach"/>).</summary>
    public Tensor clone() => Clone.Call(this, Arg.None);

    /// <summary>
    /// PyTorch-like text: <c>tensor([[0.1000, 0.2000], ...], shape=[2, 2], dtype=float32)</c>;
    /// large tensors show their first and last values only.
    /// </summary>
    public override string ToString()
    {
        if (IsDisposed) return "tensor(<disposed>)";
        long[] s = shape;
        ScalarType dt = dtype;
        Device dev = device;
        var sb = new StringBuilder("tensor(");
        long n = numel();
        if (n <= 1000)
        {
            double[] values = dt == ScalarType.Bool ? Array.ConvertAll(ToArray<bool>(), b => b ? 1.0 : 0.0) : ToArray<double>();
            int indent = 7;
            AppendNested(sb, values, s, 0, 0, dt, indent);
        }
        else
        {
            double[] values = ToArray<double>();
            sb.Append('[');
            for (int k = 0; k < 3; ++k) sb.Append(FormatValue(values[k], dt)).Append(", ");
            sb.Append("..., ");
            for (long k = n - 3; k < n; ++k) sb.Append(FormatValue(values[k], dt)).Append(k < n - 1 ? ", " : "");
            sb.Append(']');
        }
        sb.Append(", shape=[").Append(string.Join(", ", s)).Append(']');
        sb.Append(", dtype=").Append(dt.TorchName());
        if (dev.type != DeviceType.CPU) sb.Append(", device='").Append(dev).Append('\'');
        if (requires_grad) sb.Append(", requires_grad=True");
        sb.Append(')');
        return sb.ToString();
    }

    private static int AppendNested(StringBuilder sb, double[] values, long[] shape, int dim, int offset, ScalarType dt, int indent)
    {
        if (shape.Length == 0)
        {
            sb.Append(FormatValue(values[0], dt));
            return 1;
        }
        sb.Append('[');
        long len = shape[dim];
        int consumed = 0;
        for (long k = 0; k < len; ++k)
        {
            if (dim == shape.Length - 1)
            {
                sb.Append(FormatValue(values[offset + consumed], dt));
                consumed++;
            }
            else
            {
                consumed += AppendNested(sb, values, shape, dim + 1, offset + consumed, dt, indent);
            }
            // As PyTorch: rows end a line, and each further level of nesting adds a blank line;
            // the next row is aligned under the brackets already open (indent + dim + 1).
            if (k < len - 1)
            {
                if (dim == shape.Length - 1) sb.Append(", ");
                else sb.Append(',').Append('\n', shape.Length - 1 - dim).Append(' ', indent + dim + 1);
            }
        }
        sb.Append(']');
        return consumed;
    }

    private static string FormatValue(double v, ScalarType dt)
    {
        if (dt == ScalarType.Bool) return v != 0 ? "True" : "False";
        if (!dt.IsFloatingPoint()) return ((long)v).ToString(CultureInfo.InvariantCulture);
        if (double.IsNaN(v)) return "nan";
        if (double.IsInfinity(v)) return v > 0 ? "inf" : "-inf";
        return v.ToString("0.0000", CultureInfo.InvariantCulture);
    }
}
