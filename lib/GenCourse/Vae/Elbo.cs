using TorchSharp;
using static TorchSharp.torch;

namespace GenCourse.Vae;

/// <summary>
/// The evidence lower bound (Kingma and Welling 2013, arXiv:1312.6114, eq. 3 and the SGVB
/// estimator B, eq. 7 and 10):
/// <code>
/// log p_θ(x) ≥ ELBO(x) = E_{q_φ(z|x)}[log p_θ(x | z)] − KL(q_φ(z | x) ‖ p(z))
///            ≈ log p_θ(x | z) − KL,   z = μ + σ ⊙ ε,  ε ~ N(0, I)
/// </code>
/// with the KL in closed form (<see cref="GaussianKl"/>) and one sample for the reconstruction
/// term (<see cref="ReconstructionLikelihood"/>). The β-VAE loss (Higgins et al. 2017) weighs the
/// KL: L_β = −E_q[log p(x | z)] + β·KL; β = 1 is −ELBO. Everything is in nats per sample:
/// summed over pixels and latent dimensions, averaged over the batch.
/// </summary>
public static class Elbo
{
    /// <summary>
    /// The loss terms from per-sample log p(x | z) and KL (each [B]): D = −mean(log p(x | z)),
    /// R = mean(KL), loss = D + β·R.
    /// </summary>
    public static ElboTerms Terms(Tensor logLikelihood, Tensor kl, double beta = 1)
    {
        ArgumentNullException.ThrowIfNull(logLikelihood);
        ArgumentNullException.ThrowIfNull(kl);
        if (!(beta >= 0)) throw new ArgumentOutOfRangeException(nameof(beta), beta, "β weighs the KL term and must be ≥ 0");
        if (logLikelihood.dim() != 1 || !logLikelihood.shape.SequenceEqual(kl.shape))
            throw new ArgumentException($"log p(x|z) and KL must both be [B], one value per sample; got [{string.Join(", ", logLikelihood.shape)}] and [{string.Join(", ", kl.shape)}]");
        using (torch.NewDisposeScope())
        {
            Tensor distortion = (-logLikelihood).mean();
            Tensor rate = kl.mean();
            Tensor loss = distortion + rate * beta;
            return new ElboTerms(loss.MoveToOuterDisposeScope(), distortion.MoveToOuterDisposeScope(), rate.MoveToOuterDisposeScope(), beta);
        }
    }

    /// <summary>The loss terms of one forward pass <paramref name="output"/> of <paramref name="vae"/> on images <paramref name="x"/>.</summary>
    public static ElboTerms Compute(Vae vae, VaeOutput output, Tensor x, double beta = 1)
    {
        ArgumentNullException.ThrowIfNull(vae);
        ArgumentNullException.ThrowIfNull(output);
        using (torch.NewDisposeScope())
        {
            Tensor logLikelihood = vae.ReconstructionLogLikelihood(output.Recon, x);
            Tensor kl = GaussianKl.Standard(output.Mu, output.LogVar);
            return MoveOut(Terms(logLikelihood, kl, beta));
        }
    }

    /// <summary>
    /// The single-sample ELBO estimate log p(x | z) − KL for each image of <paramref name="x"/>,
    /// [B], with ε from <paramref name="generator"/> (or the global one). Unbiased for ELBO(x).
    /// </summary>
    public static Tensor PerSample(Vae vae, Tensor x, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(vae);
        using (torch.NewDisposeScope())
        {
            using VaeOutput output = vae.Forward(x, generator);
            Tensor elbo = vae.ReconstructionLogLikelihood(output.Recon, x) - GaussianKl.Standard(output.Mu, output.LogVar);
            return elbo.MoveToOuterDisposeScope();
        }
    }

    /// <summary>
    /// The ELBO over all of <paramref name="images"/> [N, C, H, W] (already binarised if the model
    /// is, e.g. with a fixed seed), in batches moved to the model's device, without gradients,
    /// one z per image from <paramref name="generator"/> (on the model's device; global if null).
    /// This is what pytorch/examples reports as its "test set loss".
    /// </summary>
    public static ElboSummary Evaluate(Vae vae, Tensor images, int batchSize = 1000, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(vae);
        ArgumentNullException.ThrowIfNull(images);
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "the batch size must be at least 1");
        long n = images.size(0);
        if (n == 0) throw new ArgumentException("there are no images to evaluate", nameof(images));
        Device device = vae.Device;
        double recSum = 0, klSum = 0;
        using (torch.no_grad())
        {
            for (long start = 0; start < n; start += batchSize)
            {
                using (torch.NewDisposeScope())
                {
                    long size = Math.Min(batchSize, n - start);
                    Tensor x = images.narrow(0, start, size).to(device);
                    VaeOutput output = vae.Forward(x, generator);
                    recSum -= vae.ReconstructionLogLikelihood(output.Recon, x).sum().ToDouble();
                    klSum += GaussianKl.Standard(output.Mu, output.LogVar).sum().ToDouble();
                }
            }
        }
        return new ElboSummary(recSum / n, klSum / n, (recSum + klSum) / n, n);
    }

    private static ElboTerms MoveOut(ElboTerms terms)
    {
        terms.Loss.MoveToOuterDisposeScope();
        terms.ReconstructionLoss.MoveToOuterDisposeScope();
        terms.Kl.MoveToOuterDisposeScope();
        return terms;
    }
}
