using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GenCourse.Autoencoders;

/// <summary>
/// The fully connected encoder g_φ: x [B, …] is flattened to [B, D], passed through the hidden
/// layers a_ℓ = act(W_ℓ a_{ℓ−1} + b_ℓ), and mapped to the code h = act_h(W_h a_L + b_h) [B, k].
/// With no hidden layers and a sigmoid code it is the one-layer encoder h = σ(Wx + b) of
/// Rifai et al. (2011), whose Jacobian has a closed form (see <see cref="ContractivePenalty"/>).
/// </summary>
public sealed class MlpEncoder : nn.Module<Tensor, Tensor>
{
    // Submodules and parameters are registered explicitly, under their PyTorch state-dict names;
    // TorchSharp's reflection would register the same objects again under their C# field names.
    protected override void RegisterComponents() { }

    private readonly nn.Module<Tensor, Tensor> activation;

    public MlpEncoder(AutoencoderOptions options, Device? device = null)
        : base(nameof(MlpEncoder))
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        InputSize = options.InputSize;
        LatentActivation = options.LatentActivation;
        Hidden = nn.Sequential();
        register_module("hidden", Hidden);
        long width = InputSize;
        foreach (int size in options.HiddenSizes)
        {
            Hidden.append(nn.Linear(width, size, device: device));
            Hidden.append(options.HiddenActivation.ToModule());
            width = size;
        }
        Latent = nn.Linear(width, options.LatentSize, device: device);
        register_module("latent", Latent);
        activation = options.LatentActivation.ToModule();
        register_module("activation", activation);
    }

    /// <summary>D, the number of input values.</summary>
    public long InputSize { get; }

    /// <summary>The hidden layers (empty for a one-layer encoder).</summary>
    public Sequential Hidden { get; }

    /// <summary>The last linear map, to the code: W_h [k, width], b_h [k].</summary>
    public Linear Latent { get; }

    /// <summary>The nonlinearity on the code.</summary>
    public Activation LatentActivation { get; }

    // x [B, …] → [B, D] → h [B, k]
    public override Tensor forward(Tensor input)
    {
        InputChecks.Batch(nameof(MlpEncoder), input, InputSize);
        return activation.call(Latent.call(Hidden.call(input.flatten(1))));
    }
}
