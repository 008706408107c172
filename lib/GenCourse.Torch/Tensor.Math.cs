using GenCourse.Torch.Interop;

namespace GenCourse.Torch;

// Elementwise math and activations.
public sealed partial class Tensor
{
    private static readonly Op Exp = new("aten::exp");
    private static readonly Op Log = new("aten::log");
    private static readonly Op Log1p = new("aten::log1p");
    private static readonly Op Sqrt = new("aten::sqrt");
    private static readonly Op Rsqrt = new("aten::rsqrt");
    private static readonly Op PowS = new("aten::pow", "Tensor_Scalar");
    private static readonly Op PowT = new("aten::pow", "Tensor_Tensor");
    private static readonly Op Abs = new("aten::abs");
    private static readonly Op ClampS = new("aten::clamp");
    private static readonly Op ClampT = new("aten::clamp", "Tensor");
    private static readonly Op Sign = new("aten::sign");
    private static readonly Op Sin = new("aten::sin");
    private static readonly Op Cos = new("aten::cos");
    private static readonly Op Square = new("aten::square");
    private static readonly Op Floor = new("aten::floor");
    private static readonly Op Round = new("aten::round");
    private static readonly Op Erf = new("aten::erf");
    private static readonly Op Maximum = new("aten::maximum");
    private static readonly Op Minimum = new("aten::minimum");
    private static readonly Op IsNan = new("aten::isnan");
    private static readonly Op IsFinite = new("aten::isfinite");
    private static readonly Op LerpS = new("aten::lerp", "Scalar");

    private static readonly Op Relu = new("aten::relu");
    private static readonly Op LeakyRelu = new("aten::leaky_relu");
    private static readonly Op Sigmoid = new("aten::sigmoid");
    private static readonly Op Tanh = new("aten::tanh");
    private static readonly Op Silu = new("aten::silu");
    private static readonly Op Gelu = new("aten::gelu");
    private static readonly Op Softplus = new("aten::softplus");
    private static readonly Op Softmax = new("aten::softmax", "int");
    private static readonly Op LogSoftmax = new("aten::log_softmax", "int");

    public Tensor exp() => Exp.Call(this);
    public Tensor log() => Log.Call(this);
    public Tensor log1p() => Log1p.Call(this);
    public Tensor sqrt() => Sqrt.Call(this);
    public Tensor rsqrt() => Rsqrt.Call(this);
    public Tensor pow(double exponent) => PowS.Call(this, exponent);
    public Tensor pow(Tensor exponent) => PowT.Call(this, exponent);
    public Tensor abs() => Abs.Call(this);
    public Tensor sign() => Sign.Call(this);
    public Tensor sin() => Sin.Call(this);
    public Tensor cos() => Cos.Call(this);
    public Tensor square() => Square.Call(this);
    public Tensor floor() => Floor.Call(this);
    public Tensor round() => Round.Call(this);
    public Tensor erf() => Erf.Call(this);
    public Tensor isnan() => IsNan.Call(this);
    public Tensor isfinite() => IsFinite.Call(this);

    /// <summary>Limits values to [min, max]; either bound may be omitted.</summary>
    public Tensor clamp(double? min = null, double? max = null)
    {
        if (min is null && max is null) throw new ArgumentException("clamp needs at least one of min and max");
        return ClampS.Call(this, Arg.Opt(min), Arg.Opt(max));
    }

    /// <summary>Limits values elementwise to tensors of bounds.</summary>
    public Tensor clamp(Tensor? min, Tensor? max) => ClampT.Call(this, min, max);

    /// <summary>Elementwise maximum of two tensors.</summary>
    public Tensor maximum(Tensor other) => Maximum.Call(this, other);
    /// <summary>Elementwise minimum of two tensors.</summary>
    public Tensor minimum(Tensor other) => Minimum.Call(this, other);
    /// <summary>this + weight·(end − this).</summary>
    public Tensor lerp(Tensor end, double weight) => LerpS.Call(this, end, weight);

    public Tensor relu() => Relu.Call(this);
    public Tensor leaky_relu(double negative_slope = 0.01) => LeakyRelu.Call(this, negative_slope);
    public Tensor sigmoid() => Sigmoid.Call(this);
    public Tensor tanh() => Tanh.Call(this);
    public Tensor silu() => Silu.Call(this);
    /// <summary>GELU; <paramref name="approximate"/> is "none" (erf) or "tanh".</summary>
    public Tensor gelu(string approximate = "none") => Gelu.Call(this, approximate);
    /// <summary>softplus(x) = (1/β)·log(1 + exp(β·x)), linear above <paramref name="threshold"/>.</summary>
    public Tensor softplus(double beta = 1, double threshold = 20) => Softplus.Call(this, beta, threshold);
    public Tensor softmax(int dim, ScalarType? dtype = null) => Softmax.Call(this, dim, Arg.Opt(dtype));
    public Tensor log_softmax(int dim, ScalarType? dtype = null) => LogSoftmax.Call(this, dim, Arg.Opt(dtype));
}
