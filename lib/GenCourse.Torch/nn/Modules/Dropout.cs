using System.Globalization;

namespace GenCourse.Torch.Modules;

/// <summary>
/// Dropout (Srivastava et al. 2014; PyTorch's <c>nn.Dropout</c>): in training each element is
/// zeroed with probability p and the rest are scaled by 1/(1 − p), so the expectation is
/// unchanged; in evaluation it is the identity.
/// </summary>
public sealed class Dropout : nn.Module<Tensor, Tensor>
{
    public Dropout(double p = 0.5)
    {
        if (p < 0 || p > 1) throw new ArgumentOutOfRangeException(nameof(p), p, "dropout probability must be in [0, 1]");
        this.p = p;
    }

    /// <summary>The probability of zeroing an element.</summary>
    public double p { get; }

    public override Tensor forward(Tensor input) => nn.functional.dropout(input, p, training);

    protected override string extra_repr() => string.Create(CultureInfo.InvariantCulture, $"p={PyFormat.Float(p)}, inplace=False");
}
