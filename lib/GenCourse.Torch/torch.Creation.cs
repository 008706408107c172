using System.Runtime.InteropServices;
using GenCourse.Torch.Interop;

namespace GenCourse.Torch;

// Tensor creation: constants, ranges, random values, and tensors from .NET arrays.
public static partial class torch
{
    private static readonly Op Zeros = new("aten::zeros");
    private static readonly Op Ones = new("aten::ones");
    private static readonly Op Full = new("aten::full");
    private static readonly Op Empty = new("aten::empty", "memory_format");
    private static readonly Op ArangeOp = new("aten::arange", "start_step");
    private static readonly Op Linspace = new("aten::linspace");
    private static readonly Op EyeM = new("aten::eye", "m");
    private static readonly Op Randn = new("aten::randn", "generator");
    private static readonly Op Rand = new("aten::rand", "generator");
    private static readonly Op RandintLow = new("aten::randint", "low_generator");
    private static readonly Op RandnLike = new("aten::randn_like");
    private static readonly Op RandLike = new("aten::rand_like");
    private static readonly Op ZerosLike = new("aten::zeros_like");
    private static readonly Op OnesLike = new("aten::ones_like");
    private static readonly Op Randperm = new("aten::randperm", "generator");
    private static readonly Op Bernoulli = new("aten::bernoulli");

    private static Tensor Finish(Tensor t, bool requires_grad)
    {
        if (requires_grad) t.requires_grad = true;
        return t;
    }

    public static Tensor zeros(params long[] size) => Zeros.Call(size, Arg.None, Arg.None, Arg.None, Arg.None);
    public static Tensor zeros(long[] size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        Finish(Zeros.Call(size, Arg.Opt(dtype), Arg.None, Arg.Opt(device), Arg.None), requires_grad);

    public static Tensor ones(params long[] size) => Ones.Call(size, Arg.None, Arg.None, Arg.None, Arg.None);
    public static Tensor ones(long[] size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        Finish(Ones.Call(size, Arg.Opt(dtype), Arg.None, Arg.Opt(device), Arg.None), requires_grad);

    /// <summary>A tensor of <paramref name="size"/> filled with <paramref name="value"/> (float32 unless dtype says otherwise).</summary>
    public static Tensor full(long[] size, double value, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        Finish(Full.Call(size, value, Arg.Opt(dtype ?? ScalarType.Float32), Arg.None, Arg.Opt(device), Arg.None), requires_grad);

    /// <summary>Uninitialised memory of <paramref name="size"/>.</summary>
    public static Tensor empty(long[] size, ScalarType? dtype = null, Device? device = null) =>
        Empty.Call(size, Arg.Opt(dtype), Arg.None, Arg.Opt(device), Arg.None, Arg.None);

    public static Tensor zeros_like(Tensor t) => ZerosLike.Call(t, Arg.None, Arg.None, Arg.None, Arg.None, Arg.None);
    public static Tensor ones_like(Tensor t) => OnesLike.Call(t, Arg.None, Arg.None, Arg.None, Arg.None, Arg.None);

    /// <summary>0, 1, …, end − 1 (int64 for whole-number bounds, as in PyTorch).</summary>
    public static Tensor arange(long end, ScalarType? dtype = null, Device? device = null) => arange(0L, end, 1L, dtype, device);
    public static Tensor arange(long start, long end, long step = 1, ScalarType? dtype = null, Device? device = null) =>
        ArangeOp.Call(start, end, step, Arg.Opt(dtype), Arg.None, Arg.Opt(device), Arg.None);
    /// <summary>start, start + step, … below end (float32 for fractional bounds, as in PyTorch).</summary>
    public static Tensor arange(double start, double end, double step = 1, ScalarType? dtype = null, Device? device = null) =>
        ArangeOp.Call(start, end, step, Arg.Opt(dtype), Arg.None, Arg.Opt(device), Arg.None);

    /// <summary><paramref name="steps"/> evenly spaced values from start to end inclusive.</summary>
    public static Tensor linspace(double start, double end, long steps, ScalarType? dtype = null, Device? device = null) =>
        Linspace.Call(start, end, steps, Arg.Opt(dtype), Arg.None, Arg.Opt(device), Arg.None);

    /// <summary>The n×m identity (m defaults to n).</summary>
    public static Tensor eye(long n, long? m = null, ScalarType? dtype = null, Device? device = null) =>
        EyeM.Call(n, m ?? n, Arg.Opt(dtype), Arg.None, Arg.Opt(device), Arg.None);

    /// <summary>Standard normal samples N(0, 1).</summary>
    public static Tensor randn(params long[] size) => Randn.Call(size, Arg.None, Arg.None, Arg.None, Arg.None, Arg.None);
    public static Tensor randn(long[] size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, Generator? generator = null) =>
        Finish(Randn.Call(size, generator, Arg.Opt(dtype), Arg.None, Arg.Opt(device), Arg.None), requires_grad);

    /// <summary>Uniform samples on [0, 1).</summary>
    public static Tensor rand(params long[] size) => Rand.Call(size, Arg.None, Arg.None, Arg.None, Arg.None, Arg.None);
    public static Tensor rand(long[] size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, Generator? generator = null) =>
        Finish(Rand.Call(size, generator, Arg.Opt(dtype), Arg.None, Arg.Opt(device), Arg.None), requires_grad);

    /// <summary>Uniform integers in [low, high) (int64).</summary>
    public static Tensor randint(long low, long high, long[] size, ScalarType? dtype = null, Device? device = null, Generator? generator = null) =>
        RandintLow.Call(low, high, size, generator, Arg.Opt(dtype ?? ScalarType.Int64), Arg.None, Arg.Opt(device), Arg.None);
    public static Tensor randint(long high, long[] size, ScalarType? dtype = null, Device? device = null, Generator? generator = null) =>
        randint(0, high, size, dtype, device, generator);

    /// <summary>A random permutation of 0 … n − 1.</summary>
    public static Tensor randperm(long n, Device? device = null, Generator? generator = null) =>
        Randperm.Call(n, generator, Arg.Opt(ScalarType.Int64), Arg.None, Arg.Opt(device), Arg.None);

    public static Tensor randn_like(Tensor t) => RandnLike.Call(t, Arg.None, Arg.None, Arg.None, Arg.None, Arg.None);
    public static Tensor rand_like(Tensor t) => RandLike.Call(t, Arg.None, Arg.None, Arg.None, Arg.None, Arg.None);

    /// <summary>Samples 1 with probability p (elementwise) and 0 otherwise.</summary>
    public static Tensor bernoulli(Tensor p, Generator? generator = null) => Bernoulli.Call(p, generator);

    /// <summary>A 0-d tensor holding <paramref name="value"/> (float32 unless dtype says otherwise).</summary>
    public static Tensor tensor(double value, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        // requires_grad is set last: set before the reshape, the result would be a non-leaf that never receives .grad.
        Finish(tensor(new[] { value }, dtype ?? ScalarType.Float32, device).DisposeAfter(t => t.reshape()), requires_grad);

    /// <summary>
    /// A tensor with the values and shape of a .NET array (any rank: <c>float[]</c>,
    /// <c>double[,]</c>, <c>long[]</c>, <c>byte[,,]</c>, <c>bool[]</c>…). The element type
    /// follows the array's unless <paramref name="dtype"/> converts it.
    /// </summary>
    public static unsafe Tensor tensor(Array data, ScalarType? dtype = null, Device? device = null, bool requires_grad = false)
    {
        ArgumentNullException.ThrowIfNull(data);
        Type element = data.GetType().GetElementType()!;
        ScalarType st = ScalarTypeExtensions.ForClrType(element);
        var shape = new long[data.Rank];
        for (int d = 0; d < data.Rank; ++d) shape[d] = data.GetLength(d);
        Tensor t = FromArrayData(data, shape, st);
        if (dtype is ScalarType want && want != st) t = t.DisposeAfter(x => x.to(want));
        if (device is Device dev && dev.type != DeviceType.CPU) t = t.DisposeAfter(x => x.to(dev));
        return Finish(t, requires_grad);
    }

    /// <summary>A tensor of <paramref name="shape"/> from flat row-major values.</summary>
    public static Tensor tensor(Array data, long[] shape, ScalarType? dtype = null, Device? device = null, bool requires_grad = false)
    {
        long n = 1;
        foreach (long s in shape) n *= s;
        if (n != data.Length)
            throw new ArgumentException($"shape [{string.Join(", ", shape)}] holds {n} values but the array has {data.Length}");
        using Tensor flat = tensor(data, dtype, device);
        return Finish(flat.reshape(shape), requires_grad);
    }

    private static unsafe Tensor FromArrayData(Array data, long[] shape, ScalarType st)
    {
        ref byte start = ref MemoryMarshal.GetArrayDataReference(data);
        fixed (byte* p = &start)
        fixed (long* s = shape)
        {
            return Tensor.FromHandle(NativeMethods.Check(NativeMethods.gc_tensor_from_data(p, s, shape.Length, (int)st), "torch.tensor"));
        }
    }

    /// <summary>Applies <paramref name="f"/> and disposes the input (for chains of conversions).</summary>
    internal static Tensor DisposeAfter(this Tensor t, Func<Tensor, Tensor> f)
    {
        try { return f(t); }
        finally { t.Dispose(); }
    }
}
