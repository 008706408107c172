using System.Globalization;

namespace GenCourse.Vae;

/// <summary>
/// The shape of a <see cref="Vae"/>. The defaults are pytorch/examples' MNIST VAE
/// (784-400-20, ReLU, Bernoulli decoder); <see cref="Iwae"/> is the MLP of Burda et al. 2015.
/// </summary>
public sealed record VaeOptions
{
    /// <summary>One image, [C, H, W]. MNIST: [1, 28, 28].</summary>
    public long[] ImageShape { get; init; } = [1, 28, 28];

    /// <summary>Fully connected or convolutional encoder and decoder.</summary>
    public VaeArchitecture Architecture { get; init; } = VaeArchitecture.Mlp;

    /// <summary>
    /// Widths of the hidden dense layers of the encoder (the decoder mirrors them). For
    /// <see cref="VaeArchitecture.Conv"/> they sit between the flattened feature map and the
    /// Gaussian head, and may be empty.
    /// </summary>
    public int[] HiddenSizes { get; init; } = [400];

    /// <summary>Channels of the stride-2 convolutions (Conv only); each halves H and W, so H and W must divide by 2^count.</summary>
    public int[] ConvChannels { get; init; } = [32, 64];

    /// <summary>The latent dimension D of z.</summary>
    public int LatentDim { get; init; } = 20;

    /// <summary>The non-linearity of the hidden layers.</summary>
    public VaeActivation Activation { get; init; } = VaeActivation.ReLU;

    /// <summary>Bernoulli (logits) or Gaussian (mean) decoder.</summary>
    public DecoderLikelihood Likelihood { get; init; } = DecoderLikelihood.Bernoulli;

    /// <summary>
    /// The encoder's log σ² is clamped to [<see cref="LogVarMin"/>, <see cref="LogVarMax"/>] so that
    /// σ = exp(½ log σ²) never overflows to ∞ nor underflows to a 0 that gives log 0 (the range of
    /// Stable Diffusion's DiagonalGaussianDistribution).
    /// </summary>
    public double LogVarMin { get; init; } = -30;

    /// <summary>Upper end of the log σ² clamp; exp(20) ≈ 4.9e8 is still finite in float32.</summary>
    public double LogVarMax { get; init; } = 20;

    /// <summary>
    /// Gaussian decoder only: a fixed log σ_x², or null to learn one scalar log σ_x² (initialised at
    /// 0 and clamped to [<see cref="LogVarMin"/>, <see cref="LogVarMax"/>]).
    /// </summary>
    public double? DecoderLogVar { get; init; }

    /// <summary>pytorch/examples <c>vae/main.py</c>: 784-400-20, ReLU, Bernoulli decoder.</summary>
    public static VaeOptions PytorchExample => new();

    /// <summary>Burda et al. 2015 (IWAE), one stochastic layer: 784-200-200-50, tanh, Bernoulli decoder.</summary>
    public static VaeOptions Iwae => new() { HiddenSizes = [200, 200], LatentDim = 50, Activation = VaeActivation.Tanh };

    /// <summary>The number of pixels C·H·W.</summary>
    public long Pixels => ImageShape.Aggregate(1L, (a, b) => a * b);

    /// <summary>Throws, saying what to change, when the options cannot build a model.</summary>
    public void Validate()
    {
        if (ImageShape is null || ImageShape.Length != 3 || ImageShape.Any(s => s < 1))
            throw new ArgumentException($"ImageShape must be [C, H, W] with positive sizes, got [{string.Join(", ", ImageShape ?? [])}]");
        if (LatentDim < 1) throw new ArgumentException($"LatentDim must be at least 1, got {LatentDim}");
        if (HiddenSizes is null || HiddenSizes.Any(h => h < 1))
            throw new ArgumentException("HiddenSizes must be positive widths (an empty list means no hidden layer)");
        if (Architecture == VaeArchitecture.Mlp && HiddenSizes.Length == 0)
            throw new ArgumentException("an MLP VAE needs at least one hidden layer in HiddenSizes");
        if (!(LogVarMin < LogVarMax)) throw new ArgumentException($"LogVarMin ({LogVarMin}) must be below LogVarMax ({LogVarMax})");
        if (Architecture == VaeArchitecture.Conv)
        {
            if (ConvChannels is null || ConvChannels.Length == 0 || ConvChannels.Any(c => c < 1))
                throw new ArgumentException("a convolutional VAE needs positive ConvChannels, e.g. [32, 64]");
            long factor = 1L << ConvChannels.Length;
            if (ImageShape[1] % factor != 0 || ImageShape[2] % factor != 0)
                throw new ArgumentException($"{ConvChannels.Length} stride-2 convolutions need H and W divisible by {factor}; the image is {ImageShape[1]}×{ImageShape[2]}. Use fewer ConvChannels or pad the images.");
        }
        if (DecoderLogVar is double v && !(v >= LogVarMin && v <= LogVarMax))
            throw new ArgumentException($"DecoderLogVar {v} lies outside [{LogVarMin}, {LogVarMax}]");
    }

    /// <summary>Every setting as text, for a checkpoint's configuration (<c>Checkpoint.LoadOrTrain</c>).</summary>
    public IReadOnlyDictionary<string, string> ToConfig()
    {
        static string Join<T>(IEnumerable<T> xs) => string.Join("x", xs.Select(x => Convert.ToString(x, CultureInfo.InvariantCulture)));
        return new Dictionary<string, string>
        {
            ["vae.image_shape"] = Join(ImageShape),
            ["vae.architecture"] = Architecture.ToString(),
            ["vae.hidden"] = Join(HiddenSizes),
            ["vae.conv_channels"] = Architecture == VaeArchitecture.Conv ? Join(ConvChannels) : "none",
            ["vae.latent"] = LatentDim.ToString(CultureInfo.InvariantCulture),
            ["vae.activation"] = Activation.ToString(),
            ["vae.likelihood"] = Likelihood.ToString(),
            ["vae.logvar_range"] = string.Create(CultureInfo.InvariantCulture, $"{LogVarMin}..{LogVarMax}"),
            ["vae.decoder_logvar"] = DecoderLogVar is double d ? d.ToString("R", CultureInfo.InvariantCulture) : "learned",
        };
    }

    /// <summary>One line: <c>Mlp 1x28x28 → 400 → z 20, ReLU, Bernoulli decoder</c>.</summary>
    public override string ToString()
    {
        IReadOnlyDictionary<string, string> c = ToConfig();
        string conv = Architecture == VaeArchitecture.Conv ? $" conv {c["vae.conv_channels"]} →" : "";
        string hidden = HiddenSizes.Length > 0 ? $" {c["vae.hidden"]} →" : "";
        return $"{Architecture} {c["vae.image_shape"]} →{conv}{hidden} z {LatentDim}, {Activation}, {Likelihood} decoder";
    }

    // Records compare arrays by reference; options are compared by value.
    public bool Equals(VaeOptions? other) =>
        other is not null && ToConfig().OrderBy(e => e.Key).SequenceEqual(other.ToConfig().OrderBy(e => e.Key));

    public override int GetHashCode() => string.Join(";", ToConfig().OrderBy(e => e.Key, StringComparer.Ordinal)).GetHashCode(StringComparison.Ordinal);
}
