using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace GenCourse.Autoencoders;

/// <summary>
/// A sparse autoencoder (Ng, "Sparse autoencoder", CS294A lecture notes, 2011): the code may be
/// as large as the input, yet each input switches on only a few units, because the loss adds a
/// sparsity penalty on the codes h = g_φ(x):
/// <code>
///   L = (1/n) Σ_i ‖x_i − x̂_i‖²  +  β Σ_j KL(ρ ‖ ρ̂_j)         (KL; needs sigmoid codes)
///   L = (1/n) Σ_i ‖x_i − x̂_i‖²  +  λ (1/n) Σ_i Σ_j |h_ij|     (L1)
/// </code>
/// The penalties are <see cref="SparsityPenalty.KlDivergence"/> and <see cref="SparsityPenalty.L1"/>.
/// </summary>
public sealed class SparseAutoencoder : Autoencoder
{
    /// <summary>
    /// An autoencoder of <paramref name="options"/> trained with <paramref name="sparsity"/>. The KL
    /// penalty compares mean activations with a probability ρ, so it needs
    /// <c>LatentActivation = Sigmoid</c>.
    /// </summary>
    public SparseAutoencoder(AutoencoderOptions options, SparsityOptions sparsity, Device? device = null)
        : base(CheckOptions(options, sparsity), device)
    {
        Sparsity = sparsity;
    }

    /// <summary>The penalty and its weight.</summary>
    public SparsityOptions Sparsity { get; }

    /// <summary>Ω(h) before its weight: Σ_j KL(ρ ‖ ρ̂_j) or (1/n) Σ_ij |h_ij|.</summary>
    public Tensor Penalty(Tensor h) => Sparsity.Kind == SparsityKind.KlDivergence
        ? SparsityPenalty.KlDivergence(h, Sparsity.Target)
        : SparsityPenalty.L1(h);

    /// <summary>The architecture and the penalty's kind, target and weight.</summary>
    public override Dictionary<string, string> ToConfig()
    {
        Dictionary<string, string> config = base.ToConfig();
        config["sparsity"] = Sparsity.Kind.ToString();
        config["sparsity_target"] = Sparsity.Target.ToString("R", CultureInfo.InvariantCulture);
        config["sparsity_weight"] = Sparsity.Weight.ToString("R", CultureInfo.InvariantCulture);
        return config;
    }

    /// <summary>L = L_AE + β·Ω(h).</summary>
    public override AutoencoderLoss Loss(Tensor x)
    {
        AutoencoderOutput output = call(x);
        Tensor reconstruction = ReconstructionLoss(x, output.Reconstruction);
        Tensor penalty = Penalty(output.Latent);
        return new AutoencoderLoss(reconstruction + Sparsity.Weight * penalty, reconstruction, penalty, output);
    }

    private static AutoencoderOptions CheckOptions(AutoencoderOptions options, SparsityOptions sparsity)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sparsity);
        sparsity.Validate();
        if (sparsity.Kind == SparsityKind.KlDivergence && options.LatentActivation != Activation.Sigmoid)
            throw new ArgumentException($"the KL sparsity penalty treats each code unit as a probability of being active, so the code needs LatentActivation = Sigmoid (got {options.LatentActivation}); or use SparsityKind.L1", nameof(options));
        return options;
    }
}
