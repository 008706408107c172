namespace GenCourse.Autoencoders;

/// <summary>The nonlinearity after a layer of an encoder or decoder.</summary>
public enum Activation
{
    /// <summary>No nonlinearity: with it everywhere the autoencoder is linear (and learns PCA's subspace).</summary>
    Identity,
    /// <summary>max(0, a).</summary>
    ReLU,
    /// <summary>σ(a) = 1 / (1 + e^−a), in (0, 1): the unit a sparsity target ρ and the contractive closed form assume.</summary>
    Sigmoid,
    /// <summary>tanh(a), in (−1, 1).</summary>
    Tanh,
}
