using TorchSharp;
using static TorchSharp.torch;

namespace GenCourse.Autoencoders;

/// <summary>
/// An autoencoder: an encoder g_φ: ℝ^D → ℝ^k and a decoder f_θ: ℝ^k → ℝ^D trained so that
/// f_θ(g_φ(x)) ≈ x, by minimising the reconstruction objective
/// <code>
///   L_AE(φ, θ) = (1/n) Σ_i ‖x_i − f_θ(g_φ(x_i))‖²
/// </code>
/// (Rumelhart, Hinton and Williams 1986; Hinton and Salakhutdinov 2006, Science 313:504).
/// With k &lt; D the code is a compression. With no nonlinearity the optimum is PCA: the decoder
/// spans the top-k principal subspace (Baldi and Hornik 1989, Neural Networks 2:53).
/// Nothing pushes the codes of the data to fill any known region of ℝ^k, so decoding a code
/// drawn at random gives no digit: an autoencoder compresses but does not generate.
/// The regularised variants override <see cref="Loss"/>: <see cref="SparseAutoencoder"/>,
/// <see cref="ContractiveAutoencoder"/>, <see cref="DenoisingAutoencoder"/>. They share this
/// module tree, so their state dicts have the same keys (<c>encoder.…</c>, <c>decoder.…</c>).
/// </summary>
public class Autoencoder : nn.Module<Tensor, AutoencoderOutput>
{
    // Submodules and parameters are registered explicitly, under their PyTorch state-dict names;
    // TorchSharp's reflection would register the same objects again under their C# field names.
    protected override void RegisterComponents() { }

    /// <summary>Builds the encoder and decoder of <paramref name="options"/> with their parameters on <paramref name="device"/> (default CPU).</summary>
    public Autoencoder(AutoencoderOptions options, Device? device = null)
        : base(nameof(Autoencoder))
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        if (options.Architecture == AutoencoderArchitecture.Conv)
        {
            Encoder = new ConvEncoder(options, device);
            register_module("encoder", Encoder);
            Decoder = new ConvDecoder(options, device);
            register_module("decoder", Decoder);
        }
        else
        {
            Encoder = new MlpEncoder(options, device);
            register_module("encoder", Encoder);
            Decoder = new MlpDecoder(options, device);
            register_module("decoder", Decoder);
        }
    }

    /// <summary>The architecture.</summary>
    public AutoencoderOptions Options { get; }

    /// <summary>Where the parameters are now (they follow <c>.to(device)</c>).</summary>
    public Device Device => parameters().First().device;

    /// <summary>g_φ: x [B, …] → h [B, k].</summary>
    public nn.Module<Tensor, Tensor> Encoder { get; }

    /// <summary>f_θ: h [B, k] → x̂ [B, …].</summary>
    public nn.Module<Tensor, Tensor> Decoder { get; }

    /// <summary>h = g_φ(x).</summary>
    public Tensor Encode(Tensor x) => Encoder.call(x);

    /// <summary>x̂ = f_θ(h).</summary>
    public Tensor Decode(Tensor h) => Decoder.call(h);

    /// <summary>h = g_φ(x) and x̂ = f_θ(h).</summary>
    public override AutoencoderOutput forward(Tensor input)
    {
        Tensor h = Encode(input);
        return new AutoencoderOutput(h, Decode(h));
    }

    /// <summary>
    /// Sets the decoder's output bias so that it starts at the mean pixel of <paramref name="images"/>
    /// (logit(x̄_c) before a sigmoid, x̄_c before a linear output); see <see cref="OutputBias"/> for
    /// why a sigmoid decoder trained with the squared error needs this. <see cref="AutoencoderTrainer"/>
    /// calls it before the first step unless <see cref="TrainOptions.OutputBiasFromData"/> is false.
    /// </summary>
    public void InitializeOutputBias(Tensor images)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.dim() < 2 || images.size(0) < 1 || images.numel() / images.size(0) != Options.InputSize)
            throw new ArgumentException($"the model takes inputs of {Options.InputSize} values; got images of shape [{string.Join(", ", images.shape)}]", nameof(images));
        Tensor target = Decoder switch
        {
            ConvDecoder conv => conv.OutputLayerBias,
            MlpDecoder mlp => mlp.OutputLayerBias,
            _ => throw new InvalidOperationException($"{Decoder.GetType().Name} has no known output layer"),
        };
        using Tensor shaped = images.reshape([images.size(0), .. Options.InputShape]);   // [N, C, H, W], or [N, D] for flat inputs
        using Tensor perChannel = OutputBias.FromImages(shaped, Options.OutputActivation);
        OutputBias.Assign(target, perChannel);
    }

    /// <summary>
    /// The training objective of a batch. Here L_AE alone; the regularised variants add their
    /// penalty (and the denoising one corrupts the input first).
    /// </summary>
    public virtual AutoencoderLoss Loss(Tensor x)
    {
        AutoencoderOutput output = call(x);
        Tensor reconstruction = ReconstructionLoss(x, output.Reconstruction);
        return new AutoencoderLoss(reconstruction, reconstruction, null, output);
    }

    /// <summary>
    /// What defines this model's training, as text for a checkpoint's configuration: the type,
    /// the architecture, and (in the variants) the regulariser's settings.
    /// </summary>
    public virtual Dictionary<string, string> ToConfig()
    {
        Dictionary<string, string> config = Options.ToConfig();
        config["model"] = GetType().Name;
        return config;
    }

    /// <summary>‖x_b − x̂_b‖² for each sample: the squared error summed over all but the batch dimension, [B].</summary>
    public static Tensor ReconstructionError(Tensor x, Tensor xHat)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(xHat);
        if (!x.shape.SequenceEqual(xHat.shape))
            throw new ArgumentException($"the reconstruction has shape [{string.Join(", ", xHat.shape)}] but the input [{string.Join(", ", x.shape)}]");
        // Σ_d (x_bd − x̂_bd)²
        return (x - xHat).square().flatten(1).sum(1);
    }

    /// <summary>L_AE = (1/B) Σ_b ‖x_b − x̂_b‖², a 0-d tensor.</summary>
    public static Tensor ReconstructionLoss(Tensor x, Tensor xHat) => ReconstructionError(x, xHat).mean();

    /// <summary>
    /// The codes of many inputs, computed in batches without gradients (e.g. a whole test set
    /// for a latent-space plot). Returns [N, k] on the model's device.
    /// </summary>
    public Tensor EncodeAll(Tensor images, int batchSize = 1000)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "the batch size must be at least 1");
        bool wasTraining = training;
        this.eval();
        try
        {
            using var noGrad = torch.no_grad();
            var parts = new List<Tensor>();
            using (torch.NewDisposeScope())
            {
                Device device = Device;
                for (long start = 0; start < images.size(0); start += batchSize)
                {
                    Tensor x = images.narrow(0, start, Math.Min(batchSize, images.size(0) - start)).to(device);
                    parts.Add(Encode(x));
                }
                return torch.cat(parts.ToArray()).MoveToOuterDisposeScope();
            }
        }
        finally
        {
            this.train(wasTraining);
        }
    }
}
