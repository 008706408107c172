using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GenCourse.Autoencoders;

/// <summary>
/// The convolutional encoder g_φ: each stage is a 4×4 convolution with stride 2 and padding 1,
/// which halves the height and width exactly ((H + 2 − 4)/2 + 1 = H/2), followed by the hidden
/// activation; the last feature map is flattened and mapped linearly to the code h [B, k].
/// For MNIST with channels (32, 64): [B,1,28,28] → [B,32,14,14] → [B,64,7,7] → [B,3136] → [B,k].
/// </summary>
public sealed class ConvEncoder : nn.Module<Tensor, Tensor>
{
    // Submodules and parameters are registered explicitly, under their PyTorch state-dict names;
    // TorchSharp's reflection would register the same objects again under their C# field names.
    protected override void RegisterComponents() { }

    private readonly long[] inputShape;
    private readonly nn.Module<Tensor, Tensor> activation;

    public ConvEncoder(AutoencoderOptions options, Device? device = null)
        : base(nameof(ConvEncoder))
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Architecture != AutoencoderArchitecture.Conv)
            throw new ArgumentException("ConvEncoder needs options with Architecture = Conv", nameof(options));
        options.Validate();
        inputShape = options.InputShape.ToArray();
        Features = nn.Sequential();
        register_module("features", Features);
        long channels = inputShape[0];
        foreach (int c in options.ConvChannels)
        {
            Features.append(nn.Conv2d(channels, c, kernel_size: 4, stride: 2, padding: 1, device: device));
            Features.append(options.HiddenActivation.ToModule());
            channels = c;
        }
        int stages = options.ConvChannels.Count;
        FeatureShape = new[] { channels, inputShape[1] >> stages, inputShape[2] >> stages };
        Latent = nn.Linear(FeatureShape[0] * FeatureShape[1] * FeatureShape[2], options.LatentSize, device: device);
        register_module("latent", Latent);
        activation = options.LatentActivation.ToModule();
        register_module("activation", activation);
    }

    /// <summary>The strided convolutions and their activations.</summary>
    public Sequential Features { get; }

    /// <summary>The shape of the last feature map [C_L, H/2^L, W/2^L].</summary>
    public long[] FeatureShape { get; }

    /// <summary>The linear map from the flattened features to the code.</summary>
    public Linear Latent { get; }

    // x [B, C, H, W] → features [B, C_L, H/2^L, W/2^L] → h [B, k]
    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.dim() != 4 || !input.shape[1..].SequenceEqual(inputShape))
            throw new ArgumentException($"ConvEncoder expects images [B, {string.Join(", ", inputShape)}]; got shape [{string.Join(", ", input.shape)}]", nameof(input));
        return activation.call(Latent.call(Features.call(input).flatten(1)));
    }
}
