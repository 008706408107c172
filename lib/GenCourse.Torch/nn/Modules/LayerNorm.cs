using System.Globalization;

namespace GenCourse.Torch.Modules;

/// <summary>
/// Layer normalisation (Ba et al. 2016, arXiv:1607.06450; PyTorch's <c>nn.LayerNorm</c>):
/// each sample is normalised over its trailing <see cref="normalized_shape"/> dimensions
/// (mean and biased variance), then scaled by γ and shifted by β of that shape.
/// </summary>
public sealed class LayerNorm : nn.Module<Tensor, Tensor>
{
    private readonly long[] shape;

    public LayerNorm(long[] normalized_shape, double eps = 1e-5, bool elementwise_affine = true, Device? device = null, ScalarType? dtype = null)
    {
        ArgumentNullException.ThrowIfNull(normalized_shape);
        if (normalized_shape.Length == 0 || normalized_shape.Any(n => n <= 0))
            throw new ArgumentException($"LayerNorm needs a non-empty normalized_shape of positive sizes, got [{string.Join(", ", normalized_shape)}]", nameof(normalized_shape));
        if (eps <= 0) throw new ArgumentOutOfRangeException(nameof(eps), eps, "eps must be > 0");
        shape = (long[])normalized_shape.Clone();
        this.eps = eps;
        this.elementwise_affine = elementwise_affine;
        if (elementwise_affine)
        {
            weight = RegisterParameter("weight", torch.ones(shape, dtype, device));
            bias = RegisterParameter("bias", torch.zeros(shape, dtype, device));
        }
    }

    /// <summary>The trailing dimensions normalised over.</summary>
    public IReadOnlyList<long> normalized_shape => shape;
    public double eps { get; }
    public bool elementwise_affine { get; }
    /// <summary>γ (ones at start), or null without elementwise_affine.</summary>
    public Tensor? weight { get; }
    /// <summary>β (zeros at start), or null without elementwise_affine.</summary>
    public Tensor? bias { get; }

    public override Tensor forward(Tensor input)
    {
        long[] s = input.shape;
        if (s.Length < shape.Length || !s[^shape.Length..].SequenceEqual(shape))
            throw new ArgumentException($"LayerNorm normalises trailing dimensions [{string.Join(", ", shape)}], but the input has shape [{string.Join(", ", s)}]", nameof(input));
        return nn.functional.layer_norm(input, shape, weight, bias, eps);
    }

    protected override string extra_repr() =>
        string.Create(CultureInfo.InvariantCulture, $"{PyFormat.Tuple(shape)}, eps={PyFormat.Float(eps)}, elementwise_affine={PyFormat.Bool(elementwise_affine)}");
}
