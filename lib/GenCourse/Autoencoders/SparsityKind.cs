namespace GenCourse.Autoencoders;

/// <summary>Which sparsity penalty a <see cref="SparseAutoencoder"/> adds (see <see cref="SparsityPenalty"/>).</summary>
public enum SparsityKind
{
    /// <summary>β Σ_j KL(ρ ‖ ρ̂_j): each unit's mean activation is pulled towards the target ρ. Needs sigmoid codes.</summary>
    KlDivergence,
    /// <summary>λ (1/n) Σ_ij |h_ij|: every activation is pulled towards zero.</summary>
    L1,
}
