using System.Globalization;

namespace GenCourse.Autoencoders;

/// <summary>
/// The shape of an <see cref="Autoencoder"/>: input x ∈ ℝ^D (D = the product of
/// <see cref="InputShape"/>), code h = g_φ(x) ∈ ℝ^k (k = <see cref="LatentSize"/>), and
/// reconstruction x̂ = f_θ(h) ∈ ℝ^D. The decoder mirrors the encoder.
/// <code>
/// var options = AutoencoderOptions.Conv(latentSize: 32);          // MNIST, [1, 28, 28]
/// var linear  = AutoencoderOptions.Linear(latentSize: 32);        // the PCA-equivalent AE
/// var sparse  = AutoencoderOptions.Mlp(64) with { LatentActivation = Activation.Sigmoid };
/// </code>
/// </summary>
public sealed record AutoencoderOptions
{
    /// <summary>MLP or convolutional encoder/decoder (default MLP).</summary>
    public AutoencoderArchitecture Architecture { get; init; } = AutoencoderArchitecture.Mlp;

    /// <summary>k, the size of the code h (default 32). k &lt; D forces compression.</summary>
    public int LatentSize { get; init; } = 32;

    /// <summary>The shape of one input without the batch dimension (default MNIST's [1, 28, 28]; the MLP also takes [D]).</summary>
    public IReadOnlyList<long> InputShape { get; init; } = new long[] { 1, 28, 28 };

    /// <summary>MLP only: widths of the encoder's hidden layers, input side first (default 512, 256); the decoder uses them reversed.</summary>
    public IReadOnlyList<int> HiddenSizes { get; init; } = new[] { 512, 256 };

    /// <summary>Conv only: channels of each stride-2 convolution (default 32, 64); each halves the height and width.</summary>
    public IReadOnlyList<int> ConvChannels { get; init; } = new[] { 32, 64 };

    /// <summary>After every hidden layer (default ReLU).</summary>
    public Activation HiddenActivation { get; init; } = Activation.ReLU;

    /// <summary>On the code h = g_φ(x) (default Identity; Sigmoid for a KL sparsity target or the contractive closed form).</summary>
    public Activation LatentActivation { get; init; } = Activation.Identity;

    /// <summary>On the reconstruction (default Sigmoid, since pixels lie in [0, 1]).</summary>
    public Activation OutputActivation { get; init; } = Activation.Sigmoid;

    /// <summary>D, the number of input values.</summary>
    public long InputSize => InputShape.Aggregate(1L, (a, b) => a * b);

    /// <summary>An MLP autoencoder for MNIST-shaped inputs with code size <paramref name="latentSize"/>.</summary>
    public static AutoencoderOptions Mlp(int latentSize) => new() { LatentSize = latentSize };

    /// <summary>A convolutional autoencoder for MNIST-shaped inputs with code size <paramref name="latentSize"/>.</summary>
    public static AutoencoderOptions Conv(int latentSize) => new() { Architecture = AutoencoderArchitecture.Conv, LatentSize = latentSize };

    /// <summary>
    /// A linear autoencoder x̂ = W_d(W_e x + b_e) + b_d: no hidden layers and no nonlinearity.
    /// Trained with squared error its decoder spans the top-k principal subspace (Baldi and Hornik 1989).
    /// </summary>
    public static AutoencoderOptions Linear(int latentSize, params long[] inputShape) => new()
    {
        LatentSize = latentSize,
        InputShape = inputShape.Length == 0 ? new long[] { 1, 28, 28 } : inputShape,
        HiddenSizes = Array.Empty<int>(),
        LatentActivation = Activation.Identity,
        OutputActivation = Activation.Identity,
    };

    /// <summary>Throws an <see cref="ArgumentException"/> saying which setting is wrong and what would work.</summary>
    public void Validate()
    {
        if (LatentSize < 1)
            throw new ArgumentException($"LatentSize must be at least 1 (got {LatentSize})");
        if (InputShape is null || InputShape.Count == 0 || InputShape.Any(s => s < 1))
            throw new ArgumentException($"InputShape must be a non-empty list of positive sizes, e.g. [1, 28, 28] (got [{string.Join(", ", InputShape ?? Array.Empty<long>())}])");
        if (HiddenSizes is null || HiddenSizes.Any(s => s < 1))
            throw new ArgumentException("HiddenSizes must be positive widths (an empty list means no hidden layer)");
        if (Architecture != AutoencoderArchitecture.Conv) return;
        if (InputShape.Count != 3)
            throw new ArgumentException($"a convolutional autoencoder needs an image InputShape [C, H, W] (got [{string.Join(", ", InputShape)}]); use AutoencoderArchitecture.Mlp for vectors");
        if (ConvChannels is null || ConvChannels.Count == 0 || ConvChannels.Any(c => c < 1))
            throw new ArgumentException("ConvChannels must list at least one positive channel count, e.g. [32, 64]");
        long stride = 1L << ConvChannels.Count;
        if (InputShape[1] % stride != 0 || InputShape[2] % stride != 0)
            throw new ArgumentException($"{ConvChannels.Count} stride-2 convolutions need H and W divisible by {stride}; [{string.Join(", ", InputShape)}] is not. Use fewer ConvChannels (28×28 allows two).");
    }

    /// <summary>The settings as text, for a checkpoint's configuration (see <c>Checkpoint.LoadOrTrain</c>).</summary>
    public Dictionary<string, string> ToConfig() => new()
    {
        ["architecture"] = Architecture.ToString(),
        ["latent_size"] = LatentSize.ToString(CultureInfo.InvariantCulture),
        ["input_shape"] = string.Join("x", InputShape.Select(s => s.ToString(CultureInfo.InvariantCulture))),
        ["hidden_sizes"] = Architecture == AutoencoderArchitecture.Mlp ? string.Join(",", HiddenSizes.Select(s => s.ToString(CultureInfo.InvariantCulture))) : "-",
        ["conv_channels"] = Architecture == AutoencoderArchitecture.Conv ? string.Join(",", ConvChannels.Select(s => s.ToString(CultureInfo.InvariantCulture))) : "-",
        ["hidden_activation"] = HiddenActivation.ToString(),
        ["latent_activation"] = LatentActivation.ToString(),
        ["output_activation"] = OutputActivation.ToString(),
    };
}
