using GenCourse.Torch.Interop;

namespace GenCourse.Torch;

// In-place operations (trailing underscore, as in PyTorch). Each returns this tensor.
// Optimizers use them under no_grad; on a leaf that requires grad they are an error, as in PyTorch.
public sealed partial class Tensor
{
    private static readonly Op AddInT = new("aten::add_", "Tensor");
    private static readonly Op AddInS = new("aten::add_", "Scalar");
    private static readonly Op SubInT = new("aten::sub_", "Tensor");
    private static readonly Op MulInT = new("aten::mul_", "Tensor");
    private static readonly Op MulInS = new("aten::mul_", "Scalar");
    private static readonly Op DivInT = new("aten::div_", "Tensor");
    private static readonly Op DivInS = new("aten::div_", "Scalar");
    private static readonly Op AddcmulIn = new("aten::addcmul_");
    private static readonly Op AddcdivIn = new("aten::addcdiv_");
    private static readonly Op LerpInS = new("aten::lerp_", "Scalar");
    private static readonly Op SqrtIn = new("aten::sqrt_");
    private static readonly Op ClampIn = new("aten::clamp_");
    private static readonly Op ZeroIn = new("aten::zero_");
    private static readonly Op FillInS = new("aten::fill_", "Scalar");
    private static readonly Op CopyIn = new("aten::copy_");
    private static readonly Op UniformIn = new("aten::uniform_");
    private static readonly Op NormalIn = new("aten::normal_");
    private static readonly Op BernoulliInF = new("aten::bernoulli_", "float");

    /// <summary>this += alpha·other.</summary>
    public Tensor add_(Tensor other, double alpha = 1) { AddInT.CallInPlace(this, other, alpha); return this; }
    public Tensor add_(double other) { AddInS.CallInPlace(this, other, 1L); return this; }
    /// <summary>this −= alpha·other.</summary>
    public Tensor sub_(Tensor other, double alpha = 1) { SubInT.CallInPlace(this, other, alpha); return this; }
    public Tensor mul_(Tensor other) { MulInT.CallInPlace(this, other); return this; }
    public Tensor mul_(double other) { MulInS.CallInPlace(this, other); return this; }
    public Tensor div_(Tensor other) { DivInT.CallInPlace(this, other); return this; }
    public Tensor div_(double other) { DivInS.CallInPlace(this, other); return this; }
    /// <summary>this += value·t1·t2.</summary>
    public Tensor addcmul_(Tensor t1, Tensor t2, double value = 1) { AddcmulIn.CallInPlace(this, t1, t2, value); return this; }
    /// <summary>this += value·t1/t2.</summary>
    public Tensor addcdiv_(Tensor t1, Tensor t2, double value = 1) { AddcdivIn.CallInPlace(this, t1, t2, value); return this; }
    /// <summary>this += weight·(end − this).</summary>
    public Tensor lerp_(Tensor end, double weight) { LerpInS.CallInPlace(this, end, weight); return this; }
    public Tensor sqrt_() { SqrtIn.CallInPlace(this); return this; }
    public Tensor clamp_(double? min = null, double? max = null) { ClampIn.CallInPlace(this, Arg.Opt(min), Arg.Opt(max)); return this; }
    public Tensor zero_() { ZeroIn.CallInPlace(this); return this; }
    public Tensor fill_(double value) { FillInS.CallInPlace(this, value); return this; }
    /// <summary>Copies <paramref name="src"/> (broadcast, converted) into this tensor.</summary>
    public Tensor copy_(Tensor src, bool non_blocking = false) { CopyIn.CallInPlace(this, src, non_blocking); return this; }
    public Tensor uniform_(double from = 0, double to = 1, Generator? generator = null) { UniformIn.CallInPlace(this, from, to, generator); return this; }
    public Tensor normal_(double mean = 0, double std = 1, Generator? generator = null) { NormalIn.CallInPlace(this, mean, std, generator); return this; }
    public Tensor bernoulli_(double p = 0.5, Generator? generator = null) { BernoulliInF.CallInPlace(this, p, generator); return this; }

    /// <summary>Sets <see cref="requires_grad"/>; returns this tensor.</summary>
    public Tensor requires_grad_(bool requires_grad = true)
    {
        this.requires_grad = requires_grad;
        return this;
    }
}
