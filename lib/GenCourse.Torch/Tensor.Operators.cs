using GenCourse.Torch.Interop;

namespace GenCourse.Torch;

// Arithmetic and comparison operators. Broadcasting and dtype promotion are libtorch's.
// `==` keeps .NET reference equality (so `t == null` works); use eq/ne for elementwise.
public sealed partial class Tensor
{
    private static readonly Op AddT = new("aten::add", "Tensor");
    private static readonly Op AddS = new("aten::add", "Scalar");
    private static readonly Op SubT = new("aten::sub", "Tensor");
    private static readonly Op SubS = new("aten::sub", "Scalar");
    private static readonly Op RsubS = new("aten::rsub", "Scalar");
    private static readonly Op MulT = new("aten::mul", "Tensor");
    private static readonly Op MulS = new("aten::mul", "Scalar");
    private static readonly Op DivT = new("aten::div", "Tensor");
    private static readonly Op DivS = new("aten::div", "Scalar");
    private static readonly Op Reciprocal = new("aten::reciprocal");
    private static readonly Op Neg = new("aten::neg");
    private static readonly Op EqT = new("aten::eq", "Tensor");
    private static readonly Op EqS = new("aten::eq", "Scalar");
    private static readonly Op NeT = new("aten::ne", "Tensor");
    private static readonly Op NeS = new("aten::ne", "Scalar");
    private static readonly Op LtT = new("aten::lt", "Tensor");
    private static readonly Op LtS = new("aten::lt", "Scalar");
    private static readonly Op LeT = new("aten::le", "Tensor");
    private static readonly Op LeS = new("aten::le", "Scalar");
    private static readonly Op GtT = new("aten::gt", "Tensor");
    private static readonly Op GtS = new("aten::gt", "Scalar");
    private static readonly Op GeT = new("aten::ge", "Tensor");
    private static readonly Op GeS = new("aten::ge", "Scalar");
    private static readonly Op LogicalAnd = new("aten::logical_and");
    private static readonly Op LogicalOr = new("aten::logical_or");
    private static readonly Op LogicalNot = new("aten::logical_not");

    public static Tensor operator +(Tensor a, Tensor b) => AddT.Call(a, b, 1L);
    public static Tensor operator +(Tensor a, double b) => AddS.Call(a, b, 1L);
    public static Tensor operator +(Tensor a, long b) => AddS.Call(a, b, 1L);
    public static Tensor operator +(double a, Tensor b) => AddS.Call(b, a, 1L);
    public static Tensor operator +(long a, Tensor b) => AddS.Call(b, a, 1L);

    public static Tensor operator -(Tensor a, Tensor b) => SubT.Call(a, b, 1L);
    public static Tensor operator -(Tensor a, double b) => SubS.Call(a, b, 1L);
    public static Tensor operator -(Tensor a, long b) => SubS.Call(a, b, 1L);
    public static Tensor operator -(double a, Tensor b) => RsubS.Call(b, a, 1L);
    public static Tensor operator -(long a, Tensor b) => RsubS.Call(b, a, 1L);

    public static Tensor operator *(Tensor a, Tensor b) => MulT.Call(a, b);
    public static Tensor operator *(Tensor a, double b) => MulS.Call(a, b);
    public static Tensor operator *(Tensor a, long b) => MulS.Call(a, b);
    public static Tensor operator *(double a, Tensor b) => MulS.Call(b, a);
    public static Tensor operator *(long a, Tensor b) => MulS.Call(b, a);

    // True division, as PyTorch's `/`: integer tensors give floating results.
    public static Tensor operator /(Tensor a, Tensor b) => DivT.Call(a, b);
    public static Tensor operator /(Tensor a, double b) => DivS.Call(a, b);
    public static Tensor operator /(Tensor a, long b) => DivS.Call(a, b);
    public static Tensor operator /(double a, Tensor b)
    {
        using Tensor r = Reciprocal.Call(b);
        return MulS.Call(r, a);
    }

    public static Tensor operator -(Tensor a) => Neg.Call(a);

    public static Tensor operator <(Tensor a, Tensor b) => LtT.Call(a, b);
    public static Tensor operator <(Tensor a, double b) => LtS.Call(a, b);
    public static Tensor operator >(Tensor a, Tensor b) => GtT.Call(a, b);
    public static Tensor operator >(Tensor a, double b) => GtS.Call(a, b);
    public static Tensor operator <=(Tensor a, Tensor b) => LeT.Call(a, b);
    public static Tensor operator <=(Tensor a, double b) => LeS.Call(a, b);
    public static Tensor operator >=(Tensor a, Tensor b) => GeT.Call(a, b);
    public static Tensor operator >=(Tensor a, double b) => GeS.Call(a, b);

    /// <summary>Elementwise logical and of two (bool) tensors.</summary>
    public static Tensor operator &(Tensor a, Tensor b) => LogicalAnd.Call(a, b);
    /// <summary>Elementwise logical or of two (bool) tensors.</summary>
    public static Tensor operator |(Tensor a, Tensor b) => LogicalOr.Call(a, b);
    /// <summary>Elementwise logical not.</summary>
    public static Tensor operator !(Tensor a) => LogicalNot.Call(a);

    public Tensor add(Tensor other, double alpha = 1) => AddT.Call(this, other, alpha);
    public Tensor sub(Tensor other, double alpha = 1) => SubT.Call(this, other, alpha);
    public Tensor mul(Tensor other) => MulT.Call(this, other);
    public Tensor div(Tensor other) => DivT.Call(this, other);
    public Tensor neg() => Neg.Call(this);
    public Tensor reciprocal() => Reciprocal.Call(this);

    /// <summary>Elementwise <c>==</c> (a bool tensor).</summary>
    public Tensor eq(Tensor other) => EqT.Call(this, other);
    public Tensor eq(double other) => EqS.Call(this, other);
    /// <summary>Elementwise <c>!=</c> (a bool tensor).</summary>
    public Tensor ne(Tensor other) => NeT.Call(this, other);
    public Tensor ne(double other) => NeS.Call(this, other);
    public Tensor lt(Tensor other) => LtT.Call(this, other);
    public Tensor le(Tensor other) => LeT.Call(this, other);
    public Tensor gt(Tensor other) => GtT.Call(this, other);
    public Tensor ge(Tensor other) => GeT.Call(this, other);
    public Tensor logical_and(Tensor other) => LogicalAnd.Call(this, other);
    public Tensor logical_or(Tensor other) => LogicalOr.Call(this, other);
    public Tensor logical_not() => LogicalNot.Call(this);
}
