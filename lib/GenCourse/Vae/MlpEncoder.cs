using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GenCourse.Vae;

/// <summary>
/// q_φ(z | x) with fully connected layers: flatten x [B, C, H, W] → [B, C·H·W], hidden layers
/// (Linear, activation), then a <see cref="GaussianHead"/> giving μ and log σ² [B, D].
/// State-dict keys: <c>body.0.weight</c>, …, <c>head.mu.weight</c>, <c>head.logvar.weight</c>.
/// </summary>
public sealed class MlpEncoder : nn.Module<Tensor, DiagonalGaussian>
{
    // Submodules and parameters are registered explicitly, under their PyTorch state-dict names;
    // TorchSharp's reflection would register the same objects again under their C# field names.
    protected override void RegisterComponents() { }

    private readonly Sequential body;
    private readonly GaussianHead head;
    private readonly long[] imageShape;

    public MlpEncoder(VaeOptions options, Device? device = null)
        : base(nameof(MlpEncoder))
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        imageShape = options.ImageShape;
        body = nn.Sequential(nn.Flatten());
        register_module("body", body);
        long features = VaeLayers.AppendDense(body, options.Pixels, options.HiddenSizes, options.Activation, device);
        head = new GaussianHead(features, options.LatentDim, options.LogVarMin, options.LogVarMax, device);
        register_module("head", head);
    }

    public override DiagonalGaussian forward(Tensor x)
    {
        VaeLayers.CheckImages(x, imageShape, nameof(MlpEncoder));
        using Tensor h = body.call(x);
        return head.call(h);
    }
}
