namespace GenCourse.Vae;

/// <summary>The non-linearity between the hidden layers of a <see cref="Vae"/>.</summary>
public enum VaeActivation
{
    /// <summary>max(0, x), as pytorch/examples' VAE.</summary>
    ReLU,

    /// <summary>tanh(x), as Kingma and Welling (2013) and the IWAE paper's MLPs.</summary>
    Tanh,
}
