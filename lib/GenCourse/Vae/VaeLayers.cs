using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GenCourse.Vae;

/// <summary>Shared pieces of the encoders and decoders.</summary>
internal static class VaeLayers
{
    internal static nn.Module<Tensor, Tensor> Activation(VaeActivation activation) => activation switch
    {
        VaeActivation.ReLU => nn.ReLU(),
        VaeActivation.Tanh => nn.Tanh(),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "unknown activation"),
    };

    /// <summary>Linear → activation for each width, starting from <paramref name="inFeatures"/>; appended to <paramref name="seq"/>.</summary>
    internal static long AppendDense(Sequential seq, long inFeatures, IEnumerable<int> widths, VaeActivation activation, Device? device)
    {
        long f = inFeatures;
        foreach (int w in widths)
        {
            seq.append(nn.Linear(f, w, device: device));
            seq.append(Activation(activation));
            f = w;
        }
        return f;
    }

    /// <summary>A [B, ...] batch must have the image shape the model was built for.</summary>
    internal static void CheckImages(Tensor x, long[] imageShape, string who)
    {
        ArgumentNullException.ThrowIfNull(x);
        long[] s = x.shape;
        if (s.Length != 4 || !s[1..].SequenceEqual(imageShape))
            throw new ArgumentException($"{who} expects images [B, {string.Join(", ", imageShape)}], got [{string.Join(", ", s)}]", nameof(x));
    }

    /// <summary>A latent batch must be [B, D].</summary>
    internal static void CheckLatents(Tensor z, long latentDim, string who)
    {
        ArgumentNullException.ThrowIfNull(z);
        long[] s = z.shape;
        if (s.Length != 2 || s[1] != latentDim)
            throw new ArgumentException($"{who} expects latents [B, {latentDim}], got [{string.Join(", ", s)}]", nameof(z));
    }
}
