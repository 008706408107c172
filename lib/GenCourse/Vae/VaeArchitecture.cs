namespace GenCourse.Vae;

/// <summary>How the encoder and decoder of a <see cref="Vae"/> are built.</summary>
public enum VaeArchitecture
{
    /// <summary>Fully connected layers on the flattened image (Kingma and Welling 2013, App. C).</summary>
    Mlp,

    /// <summary>Strided convolutions down, transposed convolutions up (each halves or doubles H and W).</summary>
    Conv,
}
