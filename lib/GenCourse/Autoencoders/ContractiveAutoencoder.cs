using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace GenCourse.Autoencoders;

/// <summary>
/// A contractive autoencoder (Rifai et al., ICML 2011): the reconstruction objective plus the
/// encoder's Jacobian norm, averaged over the batch,
/// <code>
///   L = (1/n) Σ_i ‖x_i − x̂_i‖²  +  λ (1/n) Σ_i ‖J_f(x_i)‖²_F
/// </code>
/// The penalty alone would map every input to one code; the reconstruction term alone would
/// copy everything. Together the code stays sensitive only in the directions along the data,
/// i.e. the encoder is locally invariant to the others. See <see cref="ContractivePenalty"/>.
/// </summary>
public sealed class ContractiveAutoencoder : Autoencoder
{
    /// <summary>
    /// An autoencoder of <paramref name="options"/> trained with the contractive penalty. The
    /// closed form needs the paper's one-layer sigmoid encoder: an MLP with no hidden layers and
    /// <c>LatentActivation = Sigmoid</c>.
    /// </summary>
    public ContractiveAutoencoder(AutoencoderOptions options, ContractiveOptions contractive, Device? device = null)
        : base(CheckOptions(options, contractive), device)
    {
        Contractive = contractive;
    }

    /// <summary>λ and the method.</summary>
    public ContractiveOptions Contractive { get; }

    /// <summary>
    /// ‖J_f(x)‖²_F for each sample, [B], without a graph: with the configured method, for
    /// measuring how contractive an encoder is.
    /// </summary>
    public Tensor JacobianNorm(Tensor x)
    {
        if (Contractive.Method == JacobianMethod.Autograd) return ContractivePenalty.Autograd(Encode, x);
        using var noGrad = torch.no_grad();
        return ContractivePenalty.ClosedForm(Encode(x), ((MlpEncoder)Encoder).Latent.weight);
    }

    /// <summary>The architecture, λ and the method.</summary>
    public override Dictionary<string, string> ToConfig()
    {
        Dictionary<string, string> config = base.ToConfig();
        config["contractive_weight"] = Contractive.Weight.ToString("R", CultureInfo.InvariantCulture);
        config["jacobian"] = Contractive.Method.ToString();
        return config;
    }

    /// <summary>L = L_AE + λ·(1/B) Σ_b ‖J_f(x_b)‖²_F.</summary>
    public override AutoencoderLoss Loss(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        Tensor input = x;
        if (Contractive.Method == JacobianMethod.Autograd) input = x.detach().requires_grad_();
        Tensor h = Encode(input);
        Tensor jacobian = Contractive.Method == JacobianMethod.ClosedForm
            ? ContractivePenalty.ClosedForm(h, ((MlpEncoder)Encoder).Latent.weight)
            : ContractivePenalty.FromGraph(h, input, createGraph: true);
        var output = new AutoencoderOutput(h, Decode(h));
        Tensor reconstruction = ReconstructionLoss(x, output.Reconstruction);
        Tensor penalty = jacobian.mean();
        return new AutoencoderLoss(reconstruction + Contractive.Weight * penalty, reconstruction, penalty, output);
    }

    private static AutoencoderOptions CheckOptions(AutoencoderOptions options, ContractiveOptions contractive)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(contractive);
        contractive.Validate();
        if (contractive.Method == JacobianMethod.ClosedForm &&
            (options.Architecture != AutoencoderArchitecture.Mlp || options.HiddenSizes.Count != 0 || options.LatentActivation != Activation.Sigmoid))
            throw new ArgumentException("the closed-form Jacobian is that of one sigmoid layer h = σ(Wx + b): use an MLP with HiddenSizes = [] and LatentActivation = Sigmoid, or JacobianMethod.Autograd for any encoder", nameof(options));
        return options;
    }
}
