using TorchSharp;
using static TorchSharp.torch;

namespace GenCourse.Vae;

/// <summary>
/// The reconstruction term log p_θ(x | z) of the ELBO, for one decoded z per image, summed over
/// pixels: one value per sample, in nats. The negatives are the usual losses (summed BCE, a
/// scaled squared error), but as log-likelihoods their sign and constants are explicit.
/// </summary>
public static class ReconstructionLikelihood
{
    private static readonly double Log2Pi = Math.Log(2 * Math.PI);

    /// <summary>
    /// Independent Bernoulli pixels with p = sigmoid(ℓ):
    /// <code>
    /// log p(x | z) = Σ_i [x_i log σ(ℓ_i) + (1 − x_i) log(1 − σ(ℓ_i))] = −Σ_i BCEWithLogits(ℓ_i, x_i)
    /// </code>
    /// computed from the logits ℓ with the log-sum-exp form (max(ℓ,0) − ℓx + log(1 + e^−|ℓ|)), so it
    /// never takes log 0. For x ∈ {0, 1} this is a log-probability (≤ 0); for grey levels x ∈ [0, 1]
    /// it is a cross-entropy whose maximum, the entropy −Σ H(x_i), is below 0.
    /// <paramref name="logits"/> and <paramref name="x"/> are [B, ...] of equal shape; the result is [B].
    /// </summary>
    public static Tensor Bernoulli(Tensor logits, Tensor x)
    {
        CheckPair(logits, x, "logits");
        using (torch.NewDisposeScope())
        {
            Tensor bce = nn.functional.binary_cross_entropy_with_logits(logits, x, reduction: nn.Reduction.None);
            return (-SumPerSample(bce)).MoveToOuterDisposeScope();
        }
    }

    /// <summary>
    /// Independent Gaussian pixels N(x_i; m_i, σ_x²):
    /// <code>
    /// log p(x | z) = −½ Σ_i [log 2π + log σ_x² + (x_i − m_i)² / σ_x²]
    /// </code>
    /// <paramref name="logVar"/> is log σ_x², broadcastable to <paramref name="mean"/> (a scalar, or per pixel).
    /// </summary>
    public static Tensor Gaussian(Tensor mean, Tensor logVar, Tensor x)
    {
        CheckPair(mean, x, "mean");
        ArgumentNullException.ThrowIfNull(logVar);
        using (torch.NewDisposeScope())
        {
            Tensor terms = (x - mean).square() * (-logVar).exp() + logVar + Log2Pi;
            return (SumPerSample(terms) * -0.5).MoveToOuterDisposeScope();
        }
    }

    // [B, ...] → [B]
    private static Tensor SumPerSample(Tensor t) =>
        t.dim() == 1 ? t.clone() : t.flatten(1).sum(1);

    private static void CheckPair(Tensor output, Tensor x, string name)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(x);
        if (!output.shape.SequenceEqual(x.shape))
            throw new ArgumentException($"the decoder's {name} [{string.Join(", ", output.shape)}] and the data x [{string.Join(", ", x.shape)}] must have the same shape");
        if (x.dim() < 1) throw new ArgumentException("x needs a batch dimension; got a 0-d tensor");
    }
}
