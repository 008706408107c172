using TorchSharp;
using static TorchSharp.torch;

namespace GenCourse.Autoencoders;

/// <summary>
/// What an <see cref="Autoencoder"/> computes for a batch x: the code h = g_φ(x) [B, k] and the
/// reconstruction x̂ = f_θ(h), shaped like x. Disposing frees both.
/// </summary>
public sealed record AutoencoderOutput(Tensor Latent, Tensor Reconstruction) : IDisposable
{
    public void Dispose()
    {
        Latent.Dispose();
        Reconstruction.Dispose();
    }
}
