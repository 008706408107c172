using TorchSharp;
using static TorchSharp.torch;

namespace GenCourse.Vae;

/// <summary>
/// One pass x → q_φ(z | x) → z → p_θ(x | z) of a <see cref="Vae"/>, with named parts:
/// <list type="bullet">
/// <item><see cref="Recon"/>: the decoder's output for z, [B, C, H, W]: Bernoulli logits or a
/// Gaussian mean (<see cref="Vae.ToImage"/> turns it into pixels in [0, 1]);</item>
/// <item><see cref="Mu"/>, <see cref="LogVar"/>: the encoder's μ and clamped log σ², [B, D];</item>
/// <item><see cref="Z"/>: the sample z = μ + σ ⊙ ε, [B, D].</item>
/// </list>
/// Disposing frees all four.
/// </summary>
public sealed record VaeOutput(Tensor Recon, Tensor Mu, Tensor LogVar, Tensor Z) : IDisposable
{
    public void Dispose()
    {
        Recon.Dispose();
        Mu.Dispose();
        LogVar.Dispose();
        Z.Dispose();
    }
}
