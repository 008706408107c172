using System.Globalization;

namespace GenCourse.Vae;

/// <summary>
/// An importance-sampled estimate of −log p(x) over a data set (<see cref="ImportanceSampling.Evaluate"/>):
/// the mean <see cref="NegativeLogLikelihood"/> in nats per sample with its standard error over
/// images, the same in <see cref="BitsPerDim"/>, the single-sample <see cref="NegativeElbo"/>
/// (the k = 1 bound, one more draw per image), <see cref="K"/> samples per image and
/// <see cref="Count"/> images. The IWAE bound guarantees NLL ≤ −ELBO in expectation.
/// </summary>
public sealed record LikelihoodEstimate(double NegativeLogLikelihood, double StandardError, double BitsPerDim,
    double NegativeElbo, int K, long Count)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture,
            $"IS-NLL {NegativeLogLikelihood:F2} ± {StandardError:F2} nats ({BitsPerDim:F4} bits/dim), −ELBO {NegativeElbo:F2}, k = {K}, {Count} images");
}
