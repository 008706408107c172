namespace GenCourse.Torch.Interop;

/// <summary>
/// A managed operator argument. It keeps a reference to the objects whose native memory the
/// call reads (tensors, lists) so that they stay alive until the call returns; lists are
/// copied into stack memory by <see cref="Op"/> at call time, so nothing is pinned.
/// </summary>
internal readonly struct Arg
{
    internal readonly ArgKind Kind;
    internal readonly long I;
    internal readonly double D;
    internal readonly object? Ref;

    private Arg(ArgKind kind, long i = 0, double d = 0, object? reference = null)
    {
        Kind = kind;
        I = i;
        D = d;
        Ref = reference;
    }

    internal static readonly Arg None = new(ArgKind.None);

    public static implicit operator Arg(Tensor? t) => t is null ? None : new Arg(ArgKind.Tensor, reference: t);
    public static implicit operator Arg(long v) => new(ArgKind.Int, i: v);
    public static implicit operator Arg(int v) => new(ArgKind.Int, i: v);
    public static implicit operator Arg(double v) => new(ArgKind.Double, d: v);
    public static implicit operator Arg(bool v) => new(ArgKind.Bool, i: v ? 1 : 0);
    public static implicit operator Arg(long[] v) => new(ArgKind.IntList, reference: v);
    public static implicit operator Arg(double[] v) => new(ArgKind.DoubleList, reference: v);
    public static implicit operator Arg(bool[] v) => new(ArgKind.BoolList, reference: v);
    public static implicit operator Arg(Tensor[] v) => new(ArgKind.TensorList, reference: v);
    public static implicit operator Arg(ScalarType v) => new(ArgKind.ScalarType, i: (long)v);
    public static implicit operator Arg(Device v)
    {
        if (v.type == DeviceType.CUDA) CudaGuard.Require(v);
        return new(ArgKind.Device, i: (long)v.type, d: v.index);
    }
    public static implicit operator Arg(string v) => new(ArgKind.String, reference: v);
    public static implicit operator Arg(Generator? g) => g is null ? None : new Arg(ArgKind.Generator, reference: g);

    /// <summary>An optional int (<c>int?</c> in a schema).</summary>
    internal static Arg Opt(long? v) => v is long x ? x : None;
    /// <summary>An optional float (<c>float?</c> in a schema).</summary>
    internal static Arg Opt(double? v) => v is double x ? x : None;
    /// <summary>An optional dtype (<c>ScalarType?</c>).</summary>
    internal static Arg Opt(ScalarType? v) => v is ScalarType x ? x : None;
    /// <summary>An optional device (<c>Device?</c>).</summary>
    internal static Arg Opt(Device? v) => v is Device x ? x : None;
    /// <summary>An optional int list (<c>int[]?</c>).</summary>
    internal static Arg Opt(long[]? v) => v is null ? None : v;
    /// <summary>An optional double list (<c>float[]?</c>).</summary>
    internal static Arg Opt(double[]? v) => v is null ? None : v;
    /// <summary><c>Tensor?[]</c>: null entries stand for None (advanced indexing).</summary>
    internal static Arg OptionalTensors(Tensor?[] v) => new(ArgKind.OptionalTensorList, reference: v);
}
