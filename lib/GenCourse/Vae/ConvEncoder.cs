using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GenCourse.Vae;

/// <summary>
/// q_φ(z | x) with convolutions: each entry of <see cref="VaeOptions.ConvChannels"/> is a
/// Conv2d(kernel 4, stride 2, padding 1) that halves H and W (28 → 14 → 7 for MNIST), then
/// flatten, the dense <see cref="VaeOptions.HiddenSizes"/>, and a <see cref="GaussianHead"/>.
/// </summary>
public sealed class ConvEncoder : nn.Module<Tensor, DiagonalGaussian>
{
    // Submodules and parameters are registered explicitly, under their PyTorch state-dict names;
    // TorchSharp's reflection would register the same objects again under their C# field names.
    protected override void RegisterComponents() { }

    private readonly Sequential body;
    private readonly GaussianHead head;
    private readonly long[] imageShape;

    public ConvEncoder(VaeOptions options, Device? device = null)
        : base(nameof(ConvEncoder))
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (options.Architecture != VaeArchitecture.Conv)
            throw new ArgumentException("ConvEncoder needs options with Architecture = Conv (and ConvChannels)", nameof(options));
        imageShape = options.ImageShape;
        body = nn.Sequential();
        register_module("body", body);
        long channels = imageShape[0];
        foreach (int c in options.ConvChannels)
        {
            body.append(nn.Conv2d(channels, c, kernel_size: 4, stride: 2, padding: 1, device: device));
            body.append(VaeLayers.Activation(options.Activation));
            channels = c;
        }
        long factor = 1L << options.ConvChannels.Length;
        body.append(nn.Flatten());   // [B, C', H/2ⁿ, W/2ⁿ] → [B, C'·H/2ⁿ·W/2ⁿ]
        long features = VaeLayers.AppendDense(body, channels * (imageShape[1] / factor) * (imageShape[2] / factor),
            options.HiddenSizes, options.Activation, device);
        head = new GaussianHead(features, options.LatentDim, options.LogVarMin, options.LogVarMax, device);
        register_module("head", head);
    }

    public override DiagonalGaussian forward(Tensor x)
    {
        VaeLayers.CheckImages(x, imageShape, nameof(ConvEncoder));
        using Tensor h = body.call(x);
        return head.call(h);
    }
}
