namespace GenCourse.Autoencoders;

/// <summary>The sparsity penalty of a <see cref="SparseAutoencoder"/> and its weight.</summary>
public sealed record SparsityOptions
{
    /// <summary>KL to a target activation (default) or L1 on the activations.</summary>
    public SparsityKind Kind { get; init; } = SparsityKind.KlDivergence;

    /// <summary>ρ, the target mean activation of each unit (KL only; default 0.05 as in Ng's notes).</summary>
    public double Target { get; init; } = 0.05;

    /// <summary>β (KL) or λ (L1), the penalty's weight against the summed squared error (default 1).</summary>
    public double Weight { get; init; } = 1.0;

    /// <summary>Throws when a setting is out of range.</summary>
    public void Validate()
    {
        if (Kind == SparsityKind.KlDivergence && !(Target > 0 && Target < 1))
            throw new ArgumentException($"the sparsity target ρ must lie strictly between 0 and 1 (got {Target}); Ng uses 0.05");
        if (!(Weight >= 0) || double.IsInfinity(Weight))
            throw new ArgumentException($"the sparsity weight must be a finite number ≥ 0 (got {Weight})");
    }
}
