using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GenCourse.Vae;

/// <summary>
/// The last layer of an encoder: two linear maps from the features h to μ and log σ² of
/// q_φ(z | x) = N(z; μ, diag σ²), as pytorch/examples' <c>fc21</c> and <c>fc22</c>. The network
/// outputs log σ² rather than σ so that any real output is a valid variance; it is clamped to
/// [min, max] so that σ = exp(½ log σ²) stays finite and positive in float32.
/// </summary>
public sealed class GaussianHead : nn.Module<Tensor, DiagonalGaussian>
{
    // Submodules and parameters are registered explicitly, under their PyTorch state-dict names;
    // TorchSharp's reflection would register the same objects again under their C# field names.
    protected override void RegisterComponents() { }

    private readonly Linear mu;
    private readonly Linear logVar;

    public GaussianHead(long features, long latentDim, double logVarMin, double logVarMax, Device? device = null)
        : base(nameof(GaussianHead))
    {
        if (!(logVarMin < logVarMax)) throw new ArgumentException($"the log σ² clamp needs min < max, got [{logVarMin}, {logVarMax}]");
        LogVarMin = logVarMin;
        LogVarMax = logVarMax;
        mu = nn.Linear(features, latentDim, device: device);
        register_module("mu", mu);
        logVar = nn.Linear(features, latentDim, device: device);
        register_module("logvar", logVar);
    }

    /// <summary>Lower end of the log σ² clamp.</summary>
    public double LogVarMin { get; }

    /// <summary>Upper end of the log σ² clamp.</summary>
    public double LogVarMax { get; }

    // h [B, F] → μ [B, D], log σ² [B, D] ∈ [min, max]
    public override DiagonalGaussian forward(Tensor h)
    {
        Tensor m = mu.call(h);
        using Tensor raw = logVar.call(h);
        return new DiagonalGaussian(m, raw.clamp(LogVarMin, LogVarMax));
    }
}
