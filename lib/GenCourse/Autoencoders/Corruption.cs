using TorchSharp;
using static TorchSharp.torch;

namespace GenCourse.Autoencoders;

/// <summary>
/// Corruption processes q(x̃ | x) for denoising autoencoders (Vincent, Larochelle, Bengio and
/// Manzagol, "Extracting and Composing Robust Features with Denoising Autoencoders", ICML 2008;
/// Vincent et al., JMLR 11, 2010, §4.2):
/// <code>
///   Gaussian:  x̃ = x + σ ε,     ε ~ N(0, I)
///   masking:   x̃ = m ⊙ x,       m_i ~ Bernoulli(1 − ν)   (each value zeroed with probability ν)
/// </code>
/// The 2008 paper zeroes a fixed number νD of values per input; drawing each independently
/// zeroes νD on average and keeps values independent. Gaussian noise is not clipped, so x̃ may
/// leave [0, 1]: the noise stays zero-mean, which is what the denoising analysis assumes.
/// Randomness comes from the <c>generator</c> argument when given (on the data's device), else
/// from the global generator (<c>torch.manual_seed</c>).
/// </summary>
public static class Corruption
{
    /// <summary>x̃ = x + σε with ε ~ N(0, I), shaped like <paramref name="x"/>, on its device.</summary>
    public static Tensor Gaussian(Tensor x, double sigma, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (!(sigma >= 0) || double.IsInfinity(sigma))
            throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "the noise level σ must be a finite number ≥ 0");
        Tensor eps = torch.randn(x.shape, x.dtype, x.device, generator: generator);
        return x + sigma * eps;
    }

    /// <summary>x̃ = m ⊙ x with m_i ~ Bernoulli(1 − ν): each value of <paramref name="x"/> set to 0 with probability <paramref name="fraction"/> ν.</summary>
    public static Tensor Masking(Tensor x, double fraction, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (!(fraction >= 0 && fraction <= 1))
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "the masking fraction ν must lie in [0, 1]");
        Tensor keep = torch.rand(x.shape, x.dtype, x.device, generator: generator) >= fraction;   // P(keep) = 1 − ν
        return x * keep;
    }

    /// <summary>The corruption <paramref name="options"/> describe, applied to <paramref name="x"/>.</summary>
    public static Tensor Apply(Tensor x, CorruptionOptions options, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return options.Kind switch
        {
            CorruptionKind.Gaussian => Gaussian(x, options.Level, generator),
            CorruptionKind.Masking => Masking(x, options.Level, generator),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Kind, "unknown corruption"),
        };
    }
}
