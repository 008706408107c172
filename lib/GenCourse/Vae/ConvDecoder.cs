using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GenCourse.Vae;

/// <summary>
/// p_θ(x | z) mirroring <see cref="ConvEncoder"/>: z [B, D] → the dense hidden layers reversed →
/// Linear to the smallest feature map [B, C', H/2ⁿ, W/2ⁿ] → ConvTranspose2d(kernel 4, stride 2,
/// padding 1) layers that double H and W back to the image. The output (Bernoulli logits or a
/// Gaussian mean) has no final activation.
/// </summary>
public sealed class ConvDecoder : nn.Module<Tensor, Tensor>
{
    // Submodules and parameters are registered explicitly, under their PyTorch state-dict names;
    // TorchSharp's reflection would register the same objects again under their C# field names.
    protected override void RegisterComponents() { }

    private readonly Sequential body;
    private readonly long latentDim;

    public ConvDecoder(VaeOptions options, Device? device = null)
        : base(nameof(ConvDecoder))
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (options.Architecture != VaeArchitecture.Conv)
            throw new ArgumentException("ConvDecoder needs options with Architecture = Conv (and ConvChannels)", nameof(options));
        latentDim = options.LatentDim;
        int[] channels = options.ConvChannels;
        long factor = 1L << channels.Length;
        long h = options.ImageShape[1] / factor, w = options.ImageShape[2] / factor;

        body = nn.Sequential();
        register_module("body", body);
        long features = VaeLayers.AppendDense(body, latentDim, options.HiddenSizes.Reverse(), options.Activation, device);
        body.append(nn.Linear(features, channels[^1] * h * w, device: device));
        body.append(VaeLayers.Activation(options.Activation));
        body.append(nn.Unflatten(1, [channels[^1], h, w]));   // [B, C'·h·w] → [B, C', h, w]
        for (int i = channels.Length - 1; i >= 0; --i)
        {
            long outChannels = i > 0 ? channels[i - 1] : options.ImageShape[0];
            body.append(nn.ConvTranspose2d(channels[i], outChannels, kernel_size: 4, stride: 2, padding: 1, device: device));
            if (i > 0) body.append(VaeLayers.Activation(options.Activation));
        }
    }

    public override Tensor forward(Tensor z)
    {
        VaeLayers.CheckLatents(z, latentDim, nameof(ConvDecoder));
        return body.call(z);
    }
}
