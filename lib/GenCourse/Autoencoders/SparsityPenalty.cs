using TorchSharp;
using static TorchSharp.torch;

namespace GenCourse.Autoencoders;

/// <summary>
/// Penalties that make most code units inactive for any one input (A. Ng, "Sparse autoencoder",
/// CS294A lecture notes, Stanford 2011, §3). For codes h [n, k] with units in (0, 1):
/// <code>
///   ρ̂_j = (1/n) Σ_i h_ij                                   mean activation of unit j
///   KL(ρ ‖ ρ̂_j) = ρ log(ρ/ρ̂_j) + (1 − ρ) log((1 − ρ)/(1 − ρ̂_j))
///   Ω_KL = Σ_j KL(ρ ‖ ρ̂_j)                                  (weight β in the loss)
///   ∂Ω_KL/∂ρ̂_j = −ρ/ρ̂_j + (1 − ρ)/(1 − ρ̂_j),   ∂Ω_KL/∂h_ij = (1/n) ∂Ω_KL/∂ρ̂_j
/// </code>
/// KL(ρ‖ρ̂) is the divergence between Bernoulli(ρ) and Bernoulli(ρ̂): zero when ρ̂_j = ρ and
/// growing without bound as ρ̂_j → 0 or 1. The simpler alternative penalises every activation:
/// Ω_L1 = (1/n) Σ_i Σ_j |h_ij| (the L1 sparsity of Goodfellow, Bengio and Courville, Deep
/// Learning, 2016, §14.2.1), which needs no target and works for any activation.
/// </summary>
public static class SparsityPenalty
{
    // Keeps log ρ̂ and log(1 − ρ̂) finite when a unit is saturated on the whole batch.
    private const double Epsilon = 1e-6;

    /// <summary>ρ̂_j = (1/n) Σ_i h_ij, the mean activation of each unit over the batch, [k].</summary>
    public static Tensor MeanActivation(Tensor h)
    {
        CheckCodes(h);
        return h.mean([0]);
    }

    /// <summary>
    /// Ω_KL = Σ_j KL(ρ ‖ ρ̂_j) for codes <paramref name="h"/> [n, k] with values in [0, 1] (sigmoid
    /// units) and target mean activation <paramref name="rho"/>, a 0-d tensor. ρ̂_j is clamped to
    /// [1e-6, 1 − 1e-6] so that a saturated unit gives a large, finite penalty.
    /// </summary>
    public static Tensor KlDivergence(Tensor h, double rho)
    {
        CheckRho(rho);
        Tensor rhoHat = MeanActivation(h).clamp(Epsilon, 1 - Epsilon);
        // ρ log ρ − ρ log ρ̂ + (1 − ρ) log(1 − ρ) − (1 − ρ) log(1 − ρ̂), summed over units j
        Tensor kl = rho * Math.Log(rho) - rho * rhoHat.log()
                    + (1 - rho) * Math.Log(1 - rho) - (1 - rho) * (1 - rhoHat).log();
        return kl.sum();
    }

    /// <summary>
    /// ∂Ω_KL/∂ρ̂_j = −ρ/ρ̂_j + (1 − ρ)/(1 − ρ̂_j) for mean activations <paramref name="rhoHat"/> [k]:
    /// the term Ng's notes add (times β) to the hidden units' backpropagated error. Negative when
    /// ρ̂_j &lt; ρ (the unit is pushed up), positive when ρ̂_j &gt; ρ (pushed down), zero at ρ̂_j = ρ.
    /// </summary>
    public static Tensor KlGradient(Tensor rhoHat, double rho)
    {
        ArgumentNullException.ThrowIfNull(rhoHat);
        CheckRho(rho);
        return -rho / rhoHat + (1 - rho) / (1 - rhoHat);
    }

    /// <summary>Ω_L1 = (1/n) Σ_i Σ_j |h_ij|, the mean over the batch of each code's L1 norm, a 0-d tensor.</summary>
    public static Tensor L1(Tensor h)
    {
        CheckCodes(h);
        return h.abs().sum(1).mean();
    }

    private static void CheckCodes(Tensor h)
    {
        ArgumentNullException.ThrowIfNull(h);
        if (h.dim() != 2)
            throw new ArgumentException($"sparsity penalties take codes [n, k]; got shape [{string.Join(", ", h.shape)}]", nameof(h));
    }

    private static void CheckRho(double rho)
    {
        if (!(rho > 0 && rho < 1))
            throw new ArgumentOutOfRangeException(nameof(rho), rho, "the target activation ρ must lie strictly between 0 and 1 (Ng uses 0.05)");
    }
}
