using TorchSharp;
using static TorchSharp.torch;

namespace GenCourse.Vae;

/// <summary>
/// A Gaussian with diagonal covariance, N(z; μ, diag σ²), given by <see cref="Mu"/> and
/// <see cref="LogVar"/> = log σ², both [B, D]: the encoder's q_φ(z | x), one row per image.
/// Disposing frees both tensors.
/// </summary>
public sealed record DiagonalGaussian(Tensor Mu, Tensor LogVar) : IDisposable
{
    private static readonly double Log2Pi = Math.Log(2 * Math.PI);

    /// <summary>σ = exp(½ log σ²).</summary>
    public Tensor Sigma()
    {
        using Tensor half = LogVar * 0.5;
        return half.exp();
    }

    /// <summary>
    /// log N(z; μ, diag σ²) = −½ Σ_d [log 2π + log σ²_d + (z_d − μ_d)² / σ²_d], summed over the last
    /// dimension. <paramref name="z"/> is [..., B, D] (e.g. [K, B, D] for K samples per image);
    /// the result is [..., B].
    /// </summary>
    public Tensor LogProb(Tensor z)
    {
        ArgumentNullException.ThrowIfNull(z);
        using (torch.NewDisposeScope())
        {
            Tensor diff = z - Mu;
            Tensor terms = diff.square() * (-LogVar).exp() + LogVar + Log2Pi;
            return (terms.sum(-1) * -0.5).MoveToOuterDisposeScope();
        }
    }

    /// <summary>
    /// log N(z; 0, I) = −½ Σ_d [log 2π + z_d²], the prior p(z) of the VAE, summed over the last dimension.
    /// </summary>
    public static Tensor StandardLogProb(Tensor z)
    {
        ArgumentNullException.ThrowIfNull(z);
        using (torch.NewDisposeScope())
        {
            Tensor terms = z.square() + Log2Pi;
            return (terms.sum(-1) * -0.5).MoveToOuterDisposeScope();
        }
    }

    /// <summary>The latent dimension D.</summary>
    public long Dim => Mu.size(-1);

    public void Dispose()
    {
        Mu.Dispose();
        LogVar.Dispose();
    }
}
