namespace GenCourse.Vae;

/// <summary>The family of the decoder p_θ(x | z), which fixes the reconstruction term of the ELBO.</summary>
public enum DecoderLikelihood
{
    /// <summary>
    /// Independent Bernoulli pixels with probabilities sigmoid(logits): for binarised images, and
    /// (as pytorch/examples does) as a cross-entropy on grey levels, where it is not a likelihood.
    /// </summary>
    Bernoulli,

    /// <summary>Independent Gaussian pixels N(x; mean, σ_x²) with one learned (or fixed) log σ_x².</summary>
    Gaussian,
}
