using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GenCourse.Vae;

/// <summary>
/// The variational autoencoder (Kingma and Welling 2013, "Auto-Encoding Variational Bayes",
/// arXiv:1312.6114). A latent-variable model
/// <code>
/// p_θ(x) = ∫ p_θ(x | z) p(z) dz,   p(z) = N(0, I)
/// </code>
/// whose posterior p_θ(z | x) is intractable, so an encoder q_φ(z | x) = N(z; μ_φ(x), diag σ²_φ(x))
/// approximates it, and both are trained by maximising the evidence lower bound
/// <code>
/// ELBO(x) = E_q[log p_θ(x | z)] − KL(q_φ(z | x) ‖ p(z)) ≤ log p_θ(x)
/// </code>
/// with one reparameterised sample z = μ + σ ⊙ ε, ε ~ N(0, I) per image (the SGVB estimator,
/// eq. 7). The losses live apart: <see cref="GaussianKl"/>, <see cref="ReconstructionLikelihood"/>,
/// <see cref="Elbo"/>; the importance-weighted bound of Burda et al. 2015 in <see cref="ImportanceSampling"/>.
/// <para>
/// State-dict keys: <c>encoder.*</c>, <c>decoder.*</c>, and for a Gaussian decoder with a learned
/// variance <c>decoder_logvar</c>.
/// </para>
/// </summary>
public sealed class Vae : nn.Module<Tensor, VaeOutput>
{
    // Submodules and parameters are registered explicitly, under their PyTorch state-dict names;
    // TorchSharp's reflection would register the same objects again under their C# field names.
    protected override void RegisterComponents() { }

    private readonly nn.Module<Tensor, DiagonalGaussian> encoder;
    private readonly nn.Module<Tensor, Tensor> decoder;
    private readonly Parameter? decoderLogVar;

    /// <summary>Builds the encoder and decoder that <paramref name="options"/> describe, on <paramref name="device"/> (default CPU).</summary>
    public Vae(VaeOptions options, Device? device = null)
        : base(nameof(Vae))
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        (encoder, decoder) = options.Architecture switch
        {
            VaeArchitecture.Mlp => ((nn.Module<Tensor, DiagonalGaussian>)new MlpEncoder(options, device), (nn.Module<Tensor, Tensor>)new MlpDecoder(options, device)),
            VaeArchitecture.Conv => (new ConvEncoder(options, device), new ConvDecoder(options, device)),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Architecture, "unknown architecture"),
        };
        register_module("encoder", encoder);
        register_module("decoder", decoder);
        if (options.Likelihood == DecoderLikelihood.Gaussian && options.DecoderLogVar is null)
        {
            decoderLogVar = new Parameter(torch.zeros(new long[] { 1 }, device: device));
            register_parameter("decoder_logvar", decoderLogVar);
        }
    }

    /// <summary>The settings this model was built with.</summary>
    public VaeOptions Options { get; }

    /// <summary>q_φ(z | x): images [B, C, H, W] → μ, log σ² [B, D].</summary>
    public nn.Module<Tensor, DiagonalGaussian> Encoder => encoder;

    /// <summary>p_θ(x | z): latents [B, D] → logits or mean [B, C, H, W].</summary>
    public nn.Module<Tensor, Tensor> Decoder => decoder;

    /// <summary>The latent dimension D.</summary>
    public int LatentDim => Options.LatentDim;

    /// <summary>Where the parameters are.</summary>
    public Device Device => parameters().First().device;

    /// <summary>q_φ(z | x) for images <paramref name="x"/> [B, C, H, W]: μ and the clamped log σ², each [B, D].</summary>
    public DiagonalGaussian Encode(Tensor x) => encoder.call(x);

    /// <summary>The decoder's output for latents <paramref name="z"/> [B, D]: Bernoulli logits or a Gaussian mean, [B, C, H, W].</summary>
    public Tensor Decode(Tensor z) => decoder.call(z);

    /// <summary>
    /// The reparameterisation trick (Kingma and Welling 2013, §2.4): z = μ + σ ⊙ ε with
    /// σ = exp(½ log σ²) and ε ~ N(0, I) drawn independently of μ and σ, so that z is a
    /// differentiable function of μ and log σ²:
    /// ∂z/∂μ = 1 and ∂z/∂(log σ²) = ½ σ ε. <paramref name="eps"/> has the shape of <paramref name="mu"/>.
    /// </summary>
    public static Tensor Reparameterize(Tensor mu, Tensor logVar, Tensor eps)
    {
        ArgumentNullException.ThrowIfNull(mu);
        ArgumentNullException.ThrowIfNull(logVar);
        ArgumentNullException.ThrowIfNull(eps);
        if (!mu.shape.SequenceEqual(logVar.shape) || !mu.shape.SequenceEqual(eps.shape))
            throw new ArgumentException($"mu [{string.Join(", ", mu.shape)}], logVar [{string.Join(", ", logVar.shape)}] and eps [{string.Join(", ", eps.shape)}] must have the same shape");
        using (torch.NewDisposeScope())
        {
            Tensor sigma = (logVar * 0.5).exp();
            return (mu + sigma * eps).MoveToOuterDisposeScope();
        }
    }

    /// <summary>z = μ + σ ⊙ ε with ε ~ N(0, I) drawn from <paramref name="generator"/> (which must be on μ's device), or from the global generator.</summary>
    public static Tensor Reparameterize(Tensor mu, Tensor logVar, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(mu);
        using Tensor eps = torch.randn(mu.shape, mu.dtype, mu.device, generator: generator);
        return Reparameterize(mu, logVar, eps);
    }

    /// <summary>One pass with ε from the global generator (seed it with <c>torch.manual_seed</c>).</summary>
    public override VaeOutput forward(Tensor x) => Forward(x, null);

    /// <summary>One pass x → (μ, log σ²) → z = μ + σ ⊙ ε → decoder output, with ε from <paramref name="generator"/>.</summary>
    public VaeOutput Forward(Tensor x, Generator? generator)
    {
        DiagonalGaussian q = Encode(x);
        Tensor z = Reparameterize(q.Mu, q.LogVar, generator);
        return new VaeOutput(Decode(z), q.Mu, q.LogVar, z);
    }

    /// <summary>log σ_x² of a Gaussian decoder (learned and clamped, or fixed); a 1-element tensor.</summary>
    public Tensor DecoderLogVar()
    {
        if (Options.Likelihood != DecoderLikelihood.Gaussian)
            throw new InvalidOperationException("only a Gaussian decoder has a variance; this VAE's decoder is Bernoulli");
        return decoderLogVar is not null
            ? decoderLogVar.clamp(Options.LogVarMin, Options.LogVarMax)
            : torch.full(new long[] { 1 }, Options.DecoderLogVar!.Value, dtype: ScalarType.Float32, device: Device);
    }

    /// <summary>
    /// log p_θ(x | z) per sample [B] for the decoder output <paramref name="recon"/> of one z per
    /// image: <see cref="ReconstructionLikelihood.Bernoulli"/> or <see cref="ReconstructionLikelihood.Gaussian"/>.
    /// </summary>
    public Tensor ReconstructionLogLikelihood(Tensor recon, Tensor x)
    {
        if (Options.Likelihood == DecoderLikelihood.Bernoulli) return ReconstructionLikelihood.Bernoulli(recon, x);
        using Tensor logVar = DecoderLogVar();
        return ReconstructionLikelihood.Gaussian(recon, logVar, x);
    }

    /// <summary>The mean of p_θ(x | z) as an image in [0, 1]: sigmoid(logits), or the Gaussian mean clamped to [0, 1].</summary>
    public Tensor ToImage(Tensor recon)
    {
        ArgumentNullException.ThrowIfNull(recon);
        return Options.Likelihood == DecoderLikelihood.Bernoulli ? recon.sigmoid() : recon.clamp(0.0, 1.0);
    }

    /// <summary>
    /// <paramref name="count"/> new images: z ~ p(z) = N(0, I) drawn from <paramref name="generator"/>
    /// (on <see cref="Device"/>; the global generator if null), decoded to the mean of p_θ(x | z).
    /// Runs without gradients. [count, C, H, W] in [0, 1].
    /// </summary>
    public Tensor Sample(long count, Generator? generator = null)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "ask for at least one sample");
        using (torch.no_grad())
        using (torch.NewDisposeScope())
        {
            Tensor z = torch.randn(new[] { count, (long)LatentDim }, device: Device, generator: generator);
            return DecodeToImage(z).MoveToOuterDisposeScope();
        }
    }

    /// <summary>Latents <paramref name="z"/> [B, D] → images in [0, 1], without gradients.</summary>
    public Tensor DecodeToImage(Tensor z)
    {
        using (torch.no_grad())
        using (torch.NewDisposeScope())
            return ToImage(Decode(z)).MoveToOuterDisposeScope();
    }

    /// <summary>The reconstruction of <paramref name="x"/> through the encoder mean z = μ(x), as images in [0, 1], without gradients.</summary>
    public Tensor Reconstruct(Tensor x)
    {
        using (torch.no_grad())
        using (torch.NewDisposeScope())
            return DecodeToImage(Encode(x).Mu).MoveToOuterDisposeScope();
    }

    /// <summary>The model's key settings, e.g. for a notebook's output.</summary>
    public override string ToString() =>
        $"Vae(latent={LatentDim}, likelihood={Options.Likelihood}, architecture={Options.Architecture})";
}
