using TorchSharp;
using static TorchSharp.torch;

namespace GenCourse.Data;

/// <summary>
/// The per-image transforms the chapters use. Each returns a new tensor (in the current dispose
/// scope) and leaves its input unchanged.
/// </summary>
public static class ImageTransforms
{
    /// <summary>
    /// [0, 1] → [−1, 1]: x ↦ 2x − 1, the range of a tanh output (DCGAN) and of the DDPM data
    /// (Ho et al. 2020, §3.3 scale images "linearly to [−1, 1]").
    /// </summary>
    public static Tensor ToSymmetricRange(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        using Tensor doubled = x * 2.0;
        return doubled - 1.0;
    }

    /// <summary>[−1, 1] → [0, 1]: x ↦ (x + 1) / 2, clamped, to display a model's samples.</summary>
    public static Tensor FromSymmetricRange(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        using Tensor shifted = x + 1.0;
        using Tensor halved = shifted * 0.5;
        return halved.clamp(0.0, 1.0);
    }

    /// <summary>
    /// Dynamic binarisation: each pixel becomes 1 with probability equal to its intensity,
    /// b ~ Bernoulli(x), freshly drawn on every call, so applying it to each batch as it is drawn
    /// gives a new binarisation every epoch (the usual setting for a Bernoulli-decoder VAE; it
    /// acts as a regulariser). E[b] = x. The generator, if given, must be on x's device.
    /// </summary>
    public static Tensor Binarize(Tensor x, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        CheckProbabilities(x);
        return torch.bernoulli(x, generator);
    }

    /// <summary>
    /// A fixed binarisation: b ~ Bernoulli(x) drawn from a generator seeded with
    /// <paramref name="seed"/>, so the same input and seed always give the same binary images
    /// (for a test set that stays put while the training set is re-binarised every epoch).
    /// </summary>
    public static Tensor BinarizeFixed(Tensor x, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(x);
        CheckProbabilities(x);
        using var generator = new Generator(seed, x.device);
        return torch.bernoulli(x, generator);
    }

    private static void CheckProbabilities(Tensor x)
    {
        if (!x.is_floating_point())
            throw new ArgumentException($"binarisation needs pixel intensities in [0, 1] as floating point; got {x.dtype}", nameof(x));
        using Tensor lo = x.min();
        using Tensor hi = x.max();
        double min = lo.ToDouble(), max = hi.ToDouble();
        if (min < 0 || max > 1)
            throw new ArgumentException($"binarisation needs intensities in [0, 1], but they span [{min}, {max}]; were the images already scaled to [−1, 1]?", nameof(x));
    }
}
