using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GenCourse.Autoencoders;

/// <summary>
/// The convolutional decoder f_θ, the mirror of <see cref="ConvEncoder"/>: a linear map lifts the
/// code to the last feature map, and 4×4 transposed convolutions with stride 2 and padding 1 double
/// the height and width ((H − 1)·2 − 2 + 4 = 2H) until the image size is reached.
/// For MNIST with channels (32, 64): [B,k] → [B,64,7,7] → [B,32,14,14] → [B,1,28,28].
/// </summary>
public sealed class ConvDecoder : nn.Module<Tensor, Tensor>
{
    // Submodules and parameters are registered explicitly, under their PyTorch state-dict names;
    // TorchSharp's reflection would register the same objects again under their C# field names.
    protected override void RegisterComponents() { }

    private readonly long[] featureShape;
    private readonly nn.Module<Tensor, Tensor> projectActivation;
    private readonly nn.Module<Tensor, Tensor> activation;
    private readonly ConvTranspose2d output;

    public ConvDecoder(AutoencoderOptions options, Device? device = null)
        : base(nameof(ConvDecoder))
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Architecture != AutoencoderArchitecture.Conv)
            throw new ArgumentException("ConvDecoder needs options with Architecture = Conv", nameof(options));
        options.Validate();
        LatentSize = options.LatentSize;
        int stages = options.ConvChannels.Count;
        featureShape = new long[] { options.ConvChannels[^1], options.InputShape[1] >> stages, options.InputShape[2] >> stages };
        Project = nn.Linear(options.LatentSize, featureShape[0] * featureShape[1] * featureShape[2], device: device);
        register_module("project", Project);
        projectActivation = options.HiddenActivation.ToModule();
        register_module("project_activation", projectActivation);
        Features = nn.Sequential();
        register_module("features", Features);
        ConvTranspose2d? last = null;
        for (int s = stages - 1; s >= 0; --s)
        {
            long channels = s > 0 ? options.ConvChannels[s - 1] : options.InputShape[0];
            last = nn.ConvTranspose2d(options.ConvChannels[s], channels, kernel_size: 4, stride: 2, padding: 1, device: device);
            Features.append(last);
            if (s > 0) Features.append(options.HiddenActivation.ToModule());
        }
        output = last!;
        activation = options.OutputActivation.ToModule();
        register_module("activation", activation);
    }

    /// <summary>k, the code size.</summary>
    public long LatentSize { get; }

    /// <summary>The linear map from the code to the smallest feature map.</summary>
    public Linear Project { get; }

    /// <summary>The transposed convolutions (and the activations between them).</summary>
    public Sequential Features { get; }

    /// <summary>The bias of the last transposed convolution, one value per image channel [C] (see <see cref="OutputBias"/>).</summary>
    internal Tensor OutputLayerBias => output.bias!;

    // h [B, k] → [B, C_L·h·w] → [B, C_L, h, w] → x̂ [B, C, H, W]
    public override Tensor forward(Tensor input)
    {
        InputChecks.Code(nameof(ConvDecoder), input, LatentSize);
        Tensor lifted = projectActivation.call(Project.call(input)).unflatten(1, featureShape);
        return activation.call(Features.call(lifted));
    }
}
