namespace GenCourse.Autoencoders;

/// <summary>The corruption process q(x̃ | x) of a <see cref="DenoisingAutoencoder"/> (see <see cref="Corruption"/>).</summary>
public enum CorruptionKind
{
    /// <summary>x̃ = x + σε, ε ~ N(0, I): additive isotropic Gaussian noise.</summary>
    Gaussian,
    /// <summary>x̃ = m ⊙ x, m_i ~ Bernoulli(1 − ν): each value is set to 0 with probability ν.</summary>
    Masking,
}
