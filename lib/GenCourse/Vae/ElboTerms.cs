using TorchSharp;
using static TorchSharp.torch;

namespace GenCourse.Vae;

/// <summary>
/// The terms of the (β-weighted) VAE loss on one batch, each a 0-d tensor in nats per sample
/// (summed over pixels or latent dimensions, averaged over the batch):
/// <list type="bullet">
/// <item><see cref="ReconstructionLoss"/> = −E_q[log p_θ(x | z)] (one z per image): the distortion D;</item>
/// <item><see cref="Kl"/> = KL(q_φ(z | x) ‖ p(z)): the rate R;</item>
/// <item><see cref="Loss"/> = D + β·R, what the optimiser minimises (−ELBO when β = 1).</item>
/// </list>
/// Disposing frees the three tensors.
/// </summary>
public sealed record ElboTerms(Tensor Loss, Tensor ReconstructionLoss, Tensor Kl, double Beta) : IDisposable
{
    /// <summary>−ELBO = D + R (whatever β the loss used), as a number.</summary>
    public double NegativeElbo => ReconstructionLoss.ToDouble() + Kl.ToDouble();

    public void Dispose()
    {
        Loss.Dispose();
        ReconstructionLoss.Dispose();
        Kl.Dispose();
    }
}
