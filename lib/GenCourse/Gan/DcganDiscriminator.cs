using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GenCourse.Gan;

/// <summary>
/// The DCGAN discriminator D(x) (Radford, Metz and Chintala 2015, arXiv:1511.06434, §3): strided
/// convolutions instead of pooling, batch normalisation on every layer but the input one,
/// LeakyReLU with slope 0.2. For s = 28 and c = <see cref="DcganOptions.Features"/>:
/// <code>
/// x [B, C, 28, 28]
///   Conv2d(C, c, 4, 2, 1)       → LeakyReLU(0.2)        [B, c, 14, 14]
///   Conv2d(c, 2c, 4, 2, 1) → BN → LeakyReLU(0.2)        [B, 2c, 7, 7]
///   Conv2d(2c, 1, 7, 1, 0)                              [B, 1, 1, 1] → logits [B]
/// </code>
/// It returns logits l = log D/(1 − D), not probabilities D = σ(l): <see cref="GanLoss"/> takes
/// logits, which keeps log σ(l) finite where σ(l) rounds to 0 or 1. State-dict keys are
/// <c>net.0.weight</c>, <c>net.2.weight</c>, <c>net.3.weight</c>, …, as PyTorch's <c>self.net = nn.Sequential(...)</c>.
/// </summary>
public sealed class DcganDiscriminator : nn.Module<Tensor, Tensor>
{
    // Submodules and parameters are registered explicitly, under their PyTorch state-dict names;
    // TorchSharp's reflection would register the same objects again under their C# field names.
    protected override void RegisterComponents() { }

    private readonly Sequential net;

    /// <summary>Builds D for <paramref name="options"/> on <paramref name="device"/> (default CPU).</summary>
    public DcganDiscriminator(DcganOptions? options = null, Device? device = null)
        : base(nameof(DcganDiscriminator))
    {
        options ??= new DcganOptions();
        options.Validate();
        Options = options;
        long c = options.Features;
        net = nn.Sequential(
            nn.Conv2d(options.ImageChannels, c, 4, 2, 1, bias: false, device: device),       // [B, C, s, s] → [B, c, s/2, s/2]
            nn.LeakyReLU(options.LeakySlope),
            nn.Conv2d(c, 2 * c, 4, 2, 1, bias: false, device: device),                        // → [B, 2c, s/4, s/4]
            nn.BatchNorm2d(2 * c, device: device),
            nn.LeakyReLU(options.LeakySlope),
            nn.Conv2d(2 * c, 1, options.BaseSize, 1, 0, bias: false, device: device));       // → [B, 1, 1, 1]
        register_module("net", net);
    }

    /// <summary>The settings this model was built with.</summary>
    public DcganOptions Options { get; }

    /// <summary>Where the parameters are.</summary>
    public Device Device => parameters().First().device;

    /// <summary>Images <paramref name="x"/> [B, C, s, s] (in [−1, 1], like G's output) → logits [B].</summary>
    public override Tensor forward(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        long[] s = x.shape;
        long[] image = Options.ImageShape;
        if (s.Length != 4 || !s[1..].SequenceEqual(image))
            throw new ArgumentException($"DcganDiscriminator expects images [B, {string.Join(", ", image)}], got [{string.Join(", ", s)}]", nameof(x));
        using Tensor logits = net.call(x);
        return logits.view(-1);   // [B, 1, 1, 1] → [B]
    }

    /// <summary>The class and its options, e.g. for a notebook's output.</summary>
    public override string ToString() => $"{GetType().Name}({Options})";
}
