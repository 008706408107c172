using TorchSharp;
using static TorchSharp.torch;

namespace GenCourse.Autoencoders;

/// <summary>Shape checks with messages that say what the autoencoder expected.</summary>
internal static class InputChecks
{
    /// <summary>x must be [B, …] with the trailing dimensions holding D = <paramref name="inputSize"/> values.</summary>
    public static void Batch(string who, Tensor x, long inputSize)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.dim() < 2 || x.numel() != x.size(0) * inputSize)
            throw new ArgumentException($"{who} expects a batch [B, …] of inputs with {inputSize} values each; got shape [{string.Join(", ", x.shape)}]", nameof(x));
    }

    /// <summary>h must be [B, k].</summary>
    public static void Code(string who, Tensor h, long latentSize)
    {
        ArgumentNullException.ThrowIfNull(h);
        if (h.dim() != 2 || h.size(1) != latentSize)
            throw new ArgumentException($"{who} expects codes [B, {latentSize}]; got shape [{string.Join(", ", h.shape)}]", nameof(h));
    }
}
