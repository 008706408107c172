using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GenCourse.Autoencoders;

/// <summary>
/// The fully connected decoder f_θ, the mirror of <see cref="MlpEncoder"/>: h [B, k] goes through
/// the hidden widths in reverse, then x̂ = act_out(W_out a + b_out) [B, D] is reshaped to the input's shape.
/// </summary>
public sealed class MlpDecoder : nn.Module<Tensor, Tensor>
{
    // Submodules and parameters are registered explicitly, under their PyTorch state-dict names;
    // TorchSharp's reflection would register the same objects again under their C# field names.
    protected override void RegisterComponents() { }

    private readonly long[] outputShape;
    private readonly nn.Module<Tensor, Tensor> activation;

    public MlpDecoder(AutoencoderOptions options, Device? device = null)
        : base(nameof(MlpDecoder))
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        LatentSize = options.LatentSize;
        outputShape = options.InputShape.ToArray();
        Hidden = nn.Sequential();
        register_module("hidden", Hidden);
        long width = options.LatentSize;
        foreach (int size in options.HiddenSizes.Reverse())
        {
            Hidden.append(nn.Linear(width, size, device: device));
            Hidden.append(options.HiddenActivation.ToModule());
            width = size;
        }
        Output = nn.Linear(width, options.InputSize, device: device);
        register_module("output", Output);
        activation = options.OutputActivation.ToModule();
        register_module("activation", activation);
    }

    /// <summary>k, the code size.</summary>
    public long LatentSize { get; }

    /// <summary>The hidden layers (empty for a one-layer decoder).</summary>
    public Sequential Hidden { get; }

    /// <summary>The last linear map, to the D outputs: W_out [D, width]. For a linear AE its columns span the learned subspace.</summary>
    public Linear Output { get; }

    /// <summary>The output layer's bias, one value per input value [D] (see <see cref="OutputBias"/>).</summary>
    internal Tensor OutputLayerBias => Output.bias!;

    // h [B, k] → [B, D] → x̂ [B, C, H, W] (the input's shape)
    public override Tensor forward(Tensor input)
    {
        InputChecks.Code(nameof(MlpDecoder), input, LatentSize);
        return activation.call(Output.call(Hidden.call(input))).unflatten(1, outputShape);
    }
}
