namespace GenCourse.Autoencoders;

/// <summary>The corruption a <see cref="DenoisingAutoencoder"/> trains against, and its strength.</summary>
public sealed record CorruptionOptions
{
    /// <summary>Gaussian (default) or masking noise.</summary>
    public CorruptionKind Kind { get; init; } = CorruptionKind.Gaussian;

    /// <summary>σ, the noise's standard deviation (Gaussian), or ν, the fraction of values zeroed (masking); default 0.5.</summary>
    public double Level { get; init; } = 0.5;

    /// <summary>Throws when the level is out of range for the kind.</summary>
    public void Validate()
    {
        if (Kind == CorruptionKind.Gaussian && !(Level >= 0 && !double.IsInfinity(Level)))
            throw new ArgumentException($"the Gaussian noise level σ must be a finite number ≥ 0 (got {Level})");
        if (Kind == CorruptionKind.Masking && !(Level >= 0 && Level <= 1))
            throw new ArgumentException($"the masking fraction ν must lie in [0, 1] (got {Level})");
    }
}
