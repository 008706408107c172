using TorchSharp;
using static TorchSharp.torch;

namespace GenCourse.Vae;

/// <summary>
/// The KL divergence of the encoder's q_φ(z | x) = N(μ, diag σ²) from the prior p(z) = N(0, I),
/// in closed form (Kingma and Welling 2013, arXiv:1312.6114, Appendix B):
/// <code>
/// KL(q ‖ p) = Σ_d ½ (μ_d² + σ_d² − 1 − log σ_d²) = −½ Σ_d (1 + log σ²_d − μ_d² − σ²_d)
/// </code>
/// Each term is ≥ 0 (since t − 1 − log t ≥ 0 for t = σ² > 0, and μ² ≥ 0) and is 0 exactly at
/// μ = 0, log σ² = 0. Summed over latent dimensions, one value per sample, in nats.
/// </summary>
public static class GaussianKl
{
    /// <summary>
    /// KL(N(μ, diag σ²) ‖ N(0, I)) per sample: <paramref name="mu"/> and <paramref name="logVar"/>
    /// are [B, D] (or [..., D]); the result is [B] (or [...]), summed over the last dimension.
    /// </summary>
    public static Tensor Standard(Tensor mu, Tensor logVar)
    {
        CheckPair(mu, logVar);
        using (torch.NewDisposeScope())
        {
            // −½ Σ (1 + log σ² − μ² − σ²), written as ½ Σ (μ² + σ² − 1 − log σ²) so that μ = 0, log σ² = 0 gives +0, not −0
            Tensor sigma2 = logVar.exp();
            Tensor terms = mu.square() + sigma2 - 1.0 - logVar;
            return (terms.sum(-1) * 0.5).MoveToOuterDisposeScope();
        }
    }

    /// <summary>KL(q ‖ N(0, I)) per sample for an encoder output.</summary>
    public static Tensor Standard(DiagonalGaussian q)
    {
        ArgumentNullException.ThrowIfNull(q);
        return Standard(q.Mu, q.LogVar);
    }

    /// <summary>
    /// KL(N(μ₁, diag σ₁²) ‖ N(μ₂, diag σ₂²)) per sample, between two diagonal Gaussians:
    /// ½ Σ_d [log σ²₂ − log σ²₁ + (σ₁² + (μ₁ − μ₂)²) / σ₂² − 1]. With μ₂ = 0, σ₂ = 1 it is <see cref="Standard(Tensor, Tensor)"/>.
    /// </summary>
    public static Tensor Between(Tensor mu1, Tensor logVar1, Tensor mu2, Tensor logVar2)
    {
        CheckPair(mu1, logVar1);
        CheckPair(mu2, logVar2);
        using (torch.NewDisposeScope())
        {
            Tensor ratio = (logVar1.exp() + (mu1 - mu2).square()) * (-logVar2).exp();
            Tensor terms = logVar2 - logVar1 + ratio - 1.0;
            return (terms.sum(-1) * 0.5).MoveToOuterDisposeScope();
        }
    }

    private static void CheckPair(Tensor mu, Tensor logVar)
    {
        ArgumentNullException.ThrowIfNull(mu);
        ArgumentNullException.ThrowIfNull(logVar);
        if (!mu.shape.SequenceEqual(logVar.shape))
            throw new ArgumentException($"mu [{string.Join(", ", mu.shape)}] and logVar [{string.Join(", ", logVar.shape)}] must have the same shape");
        if (mu.dim() < 1) throw new ArgumentException("mu and logVar need a latent dimension (the last one) to sum over; got 0-d tensors");
    }
}
