using System.Globalization;

namespace GenCourse.Gan;

/// <summary>
/// The shape of a DCGAN (Radford, Metz and Chintala 2015, "Unsupervised Representation Learning
/// with Deep Convolutional Generative Adversarial Networks", arXiv:1511.06434) sized for the
/// course's small images, as in the PyTorch DCGAN tutorial with one up/down-sampling stage fewer:
/// <code>
/// G: z [B, nz] → 4c·(s/4)² → 2c·(s/2)² → C·s²       (transposed convolutions, BN, ReLU, tanh)
/// D: x [B, C, s, s] → c·(s/2)² → 2c·(s/4)² → 1 logit  (strided convolutions, BN, LeakyReLU 0.2)
/// </code>
/// with s = <see cref="ImageSize"/> (28 for MNIST and Fashion-MNIST, 32 for CIFAR-10) and
/// c = <see cref="Features"/>.
/// </summary>
public sealed record DcganOptions
{
    /// <summary>The sizes <see cref="ImageSize"/> may take: 28 (7 → 14 → 28) and 32 (8 → 16 → 32).</summary>
    public static IReadOnlyList<int> SupportedImageSizes { get; } = [28, 32];

    /// <summary>nz, the dimension of the noise z ~ N(0, I) (the paper's 100).</summary>
    public int LatentDim { get; init; } = 100;

    /// <summary>c, the base width: D has c then 2c channels, G 4c then 2c (the tutorial's ngf = ndf = 64).</summary>
    public int Features { get; init; } = 64;

    /// <summary>C, the channels of an image: 1 for MNIST, 3 for CIFAR-10.</summary>
    public int ImageChannels { get; init; } = 1;

    /// <summary>s, the height and width of an image; one of <see cref="SupportedImageSizes"/>.</summary>
    public int ImageSize { get; init; } = 28;

    /// <summary>Slope of the discriminator's LeakyReLU for x &lt; 0 (the paper's 0.2).</summary>
    public double LeakySlope { get; init; } = 0.2;

    /// <summary>The tutorial's DCGAN at MNIST's size: nz = 100, c = 64, 1×28×28.</summary>
    public static DcganOptions Mnist => new();

    /// <summary>CIFAR-10's 3×32×32 images with the same widths.</summary>
    public static DcganOptions Cifar10 => new() { ImageChannels = 3, ImageSize = 32 };

    /// <summary>The smallest feature map, s/4: G's first transposed convolution makes it from a 1×1 input, D's last convolution reads it whole.</summary>
    public int BaseSize => ImageSize / 4;

    /// <summary>One image, [C, s, s].</summary>
    public long[] ImageShape => [ImageChannels, ImageSize, ImageSize];

    /// <summary>Throws, saying what to change, when the options cannot build a model.</summary>
    public void Validate()
    {
        if (LatentDim < 1) throw new ArgumentException($"LatentDim must be at least 1, got {LatentDim}");
        if (Features < 1) throw new ArgumentException($"Features (the base width c) must be at least 1, got {Features}");
        if (ImageChannels < 1) throw new ArgumentException($"ImageChannels must be at least 1, got {ImageChannels}");
        if (!SupportedImageSizes.Contains(ImageSize))
            throw new ArgumentException($"ImageSize {ImageSize} is not supported: the DCGAN here has two stride-2 stages around an s/4 base, built for 28 (MNIST, Fashion-MNIST) or 32 (CIFAR-10). Resize or pad the images to one of those.");
        if (!(LeakySlope >= 0 && LeakySlope < 1)) throw new ArgumentException($"LeakySlope must be in [0, 1), got {LeakySlope}");
    }

    /// <summary>Every setting as text, for a checkpoint's configuration (<c>Checkpoint.LoadOrTrain</c>).</summary>
    public IReadOnlyDictionary<string, string> ToConfig() => new Dictionary<string, string>
    {
        ["dcgan.latent"] = LatentDim.ToString(CultureInfo.InvariantCulture),
        ["dcgan.features"] = Features.ToString(CultureInfo.InvariantCulture),
        ["dcgan.image_shape"] = string.Join("x", ImageShape.Select(s => s.ToString(CultureInfo.InvariantCulture))),
        ["dcgan.leaky_slope"] = LeakySlope.ToString("R", CultureInfo.InvariantCulture),
    };

    /// <summary>One line: <c>DCGAN z 100 → 1x28x28, c = 64, LeakyReLU 0.2</c>.</summary>
    public override string ToString()
    {
        IReadOnlyDictionary<string, string> c = ToConfig();
        return $"DCGAN z {c["dcgan.latent"]} → {c["dcgan.image_shape"]}, c = {c["dcgan.features"]}, LeakyReLU {c["dcgan.leaky_slope"]}";
    }
}
