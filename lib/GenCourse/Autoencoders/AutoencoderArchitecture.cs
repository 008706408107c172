namespace GenCourse.Autoencoders;

/// <summary>The family of encoder g_φ and decoder f_θ an <see cref="Autoencoder"/> is built from.</summary>
public enum AutoencoderArchitecture
{
    /// <summary>Fully connected layers on the flattened input (<see cref="MlpEncoder"/>, <see cref="MlpDecoder"/>).</summary>
    Mlp,
    /// <summary>Strided convolutions down, transposed convolutions up (<see cref="ConvEncoder"/>, <see cref="ConvDecoder"/>).</summary>
    Conv,
}
