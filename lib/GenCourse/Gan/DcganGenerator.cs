using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GenCourse.Gan;

/// <summary>
/// The DCGAN generator G(z) (Radford, Metz and Chintala 2015, arXiv:1511.06434, §3 and Fig. 1):
/// fractionally-strided (transposed) convolutions instead of pooling or upsampling, batch
/// normalisation after every layer but the output, ReLU inside and tanh at the output, no fully
/// connected hidden layers. For s = 28 and c = <see cref="DcganOptions.Features"/>:
/// <code>
/// z [B, nz] → [B, nz, 1, 1]
///   ConvTranspose2d(nz, 4c, 7, 1, 0) → BN → ReLU      [B, 4c, 7, 7]
///   ConvTranspose2d(4c, 2c, 4, 2, 1) → BN → ReLU      [B, 2c, 14, 14]
///   ConvTranspose2d(2c, C, 4, 2, 1)  → tanh           [B, C, 28, 28] in [−1, 1]
/// </code>
/// The convolutions have no bias (BN's β replaces it). State-dict keys are PyTorch's for
/// <c>self.net = nn.Sequential(...)</c>: <c>net.0.weight</c>, <c>net.1.weight</c>, <c>net.1.running_mean</c>, …
/// Initialise with <see cref="DcganInit.Apply{T}"/>; the constructor leaves PyTorch's default init.
/// </summary>
public sealed class DcganGenerator : nn.Module<Tensor, Tensor>
{
    // Submodules and parameters are registered explicitly, under their PyTorch state-dict names;
    // TorchSharp's reflection would register the same objects again under their C# field names.
    protected override void RegisterComponents() { }

    private readonly Sequential net;

    /// <summary>Builds G for <paramref name="options"/> on <paramref name="device"/> (default CPU).</summary>
    public DcganGenerator(DcganOptions? options = null, Device? device = null)
        : base(nameof(DcganGenerator))
    {
        options ??= new DcganOptions();
        options.Validate();
        Options = options;
        long nz = options.LatentDim, c = options.Features, k0 = options.BaseSize;
        net = nn.Sequential(
            nn.ConvTranspose2d(nz, 4 * c, k0, 1, 0, bias: false, device: device),                    // [B, nz, 1, 1] → [B, 4c, s/4, s/4]
            nn.BatchNorm2d(4 * c, device: device),
            nn.ReLU(),
            nn.ConvTranspose2d(4 * c, 2 * c, 4, 2, 1, bias: false, device: device),                   // → [B, 2c, s/2, s/2]
            nn.BatchNorm2d(2 * c, device: device),
            nn.ReLU(),
            nn.ConvTranspose2d(2 * c, options.ImageChannels, 4, 2, 1, bias: false, device: device),   // → [B, C, s, s]
            nn.Tanh());
        register_module("net", net);
    }

    /// <summary>The settings this model was built with.</summary>
    public DcganOptions Options { get; }

    /// <summary>nz, the size of one noise vector.</summary>
    public int LatentDim => Options.LatentDim;

    /// <summary>Where the parameters are.</summary>
    public Device Device => parameters().First().device;

    /// <summary>
    /// Noise <paramref name="z"/> [B, nz] (or the tutorial's [B, nz, 1, 1]) → images [B, C, s, s] in [−1, 1].
    /// In training mode BN normalises with the batch's statistics, so B must be at least 2.
    /// </summary>
    public override Tensor forward(Tensor z)
    {
        ArgumentNullException.ThrowIfNull(z);
        long[] s = z.shape;
        bool flat = s.Length == 2 && s[1] == LatentDim;
        bool tutorial = s.Length == 4 && s[1] == LatentDim && s[2] == 1 && s[3] == 1;
        if (!flat && !tutorial)
            throw new ArgumentException($"DcganGenerator expects noise z [B, {LatentDim}] (or [B, {LatentDim}, 1, 1]), got [{string.Join(", ", s)}]; draw it with torch.randn(B, {LatentDim})", nameof(z));
        if (flat)
        {
            using Tensor z4 = z.view(s[0], s[1], 1, 1);   // [B, nz] → [B, nz, 1, 1]
            return net.call(z4);
        }
        return net.call(z);
    }

    /// <summary>
    /// <paramref name="count"/> images from z ~ N(0, I) drawn from <paramref name="rng"/> (on
    /// <see cref="Device"/>; the global generator if null), without gradients, [count, C, s, s] in
    /// [−1, 1]. BN runs in the module's current mode: call <c>eval()</c> first to use the running
    /// statistics (the PyTorch tutorial samples in training mode, with the batch's own statistics).
    /// </summary>
    public Tensor Sample(long count, Generator? rng = null)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "ask for at least one sample");
        using (torch.no_grad())
        using (torch.NewDisposeScope())
        {
            Tensor z = torch.randn(new[] { count, (long)LatentDim }, device: Device, generator: rng);
            return call(z).MoveToOuterDisposeScope();
        }
    }

    /// <summary>The class and its options, e.g. for a notebook's output.</summary>
    public override string ToString() => $"{GetType().Name}({Options})";
}
