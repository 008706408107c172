using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GenCourse.Vae;

/// <summary>
/// p_θ(x | z) with fully connected layers: z [B, D] → hidden layers (the encoder's widths
/// reversed) → Linear to C·H·W → [B, C, H, W]. The output is unconstrained: Bernoulli logits or
/// a Gaussian mean, as the <see cref="DecoderLikelihood"/> says.
/// </summary>
public sealed class MlpDecoder : nn.Module<Tensor, Tensor>
{
    // Submodules and parameters are registered explicitly, under their PyTorch state-dict names;
    // TorchSharp's reflection would register the same objects again under their C# field names.
    protected override void RegisterComponents() { }

    private readonly Sequential body;
    private readonly long latentDim;

    public MlpDecoder(VaeOptions options, Device? device = null)
        : base(nameof(MlpDecoder))
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        latentDim = options.LatentDim;
        body = nn.Sequential();
        register_module("body", body);
        long features = VaeLayers.AppendDense(body, options.LatentDim, options.HiddenSizes.Reverse(), options.Activation, device);
        body.append(nn.Linear(features, options.Pixels, device: device));
        body.append(nn.Unflatten(1, options.ImageShape));   // [B, C·H·W] → [B, C, H, W]
    }

    public override Tensor forward(Tensor z)
    {
        VaeLayers.CheckLatents(z, latentDim, nameof(MlpDecoder));
        return body.call(z);
    }
}
