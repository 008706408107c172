using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace GenCourse.Autoencoders;

/// <summary>
/// A denoising autoencoder (Vincent et al., ICML 2008; JMLR 2010): the input is corrupted,
/// x̃ ~ q(x̃ | x), and the network must reconstruct the clean x,
/// <code>
///   L = (1/n) Σ_i ‖x_i − f_θ(g_φ(x̃_i))‖²
/// </code>
/// Copying the input no longer works, so the model must learn where clean data lies and map
/// each corrupted point back towards it. For small Gaussian noise the optimal reconstruction
/// satisfies r(x̃) − x̃ ≈ σ² ∇ log p(x̃) (Alain and Bengio, JMLR 15, 2014): the DAE learns the
/// score of the data distribution, the quantity a diffusion model (chapter 5) learns at many noise levels.
/// </summary>
public sealed class DenoisingAutoencoder : Autoencoder
{
    /// <summary>An autoencoder of <paramref name="options"/> trained to undo <paramref name="corruption"/>.</summary>
    public DenoisingAutoencoder(AutoencoderOptions options, CorruptionOptions corruption, Device? device = null)
        : base(options, device)
    {
        ArgumentNullException.ThrowIfNull(corruption);
        corruption.Validate();
        Corruption = corruption;
    }

    /// <summary>The corruption the model learns to undo.</summary>
    public CorruptionOptions Corruption { get; }

    /// <summary>x̃ ~ q(x̃ | x) (the global generator, or <paramref name="generator"/>).</summary>
    public Tensor Corrupt(Tensor x, Generator? generator = null) => Autoencoders.Corruption.Apply(x, Corruption, generator);

    /// <summary>The architecture and the corruption.</summary>
    public override Dictionary<string, string> ToConfig()
    {
        Dictionary<string, string> config = base.ToConfig();
        config["corruption"] = Corruption.Kind.ToString();
        config["corruption_level"] = Corruption.Level.ToString("R", CultureInfo.InvariantCulture);
        return config;
    }

    /// <summary>L = (1/B) Σ_b ‖x_b − f_θ(g_φ(x̃_b))‖²: the clean input is the target. Penalty is null.</summary>
    public override AutoencoderLoss Loss(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        AutoencoderOutput output = call(Corrupt(x));
        Tensor reconstruction = ReconstructionLoss(x, output.Reconstruction);
        return new AutoencoderLoss(reconstruction, reconstruction, null, output);
    }
}
