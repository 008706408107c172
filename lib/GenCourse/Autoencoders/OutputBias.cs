using TorchSharp;
using static TorchSharp.torch;

namespace GenCourse.Autoencoders;

/// <summary>
/// The decoder's output bias set from the data ("init the final layer's bias" in Karpathy's
/// "A Recipe for Training Neural Networks", 2019): before training, a decoder whose last hidden
/// layer is silent already outputs the mean pixel x̄_c of each channel c,
/// <code>
/// b_c = logit(x̄_c) = log(x̄_c / (1 − x̄_c))   for a sigmoid output
/// b_c = x̄_c                                 for a linear output
/// </code>
/// With PyTorch's default init (b ≈ 0, so x̂ ≈ ½ everywhere) the first Adam steps push every
/// output of a sigmoid decoder towards MNIST's black background; under the squared error the
/// gradient carries the factor x̂(1 − x̂), which vanishes once the logits reach −7 or so, and the
/// decoder then outputs 0 everywhere for good, at the error of a black image, E[x²] ≈ 0.106 per
/// pixel. Measured with the conv autoencoder (k = 16, Adam): 2 of 10 seeds on full MNIST batches
/// of 128 (lr 1e-3, in PyTorch) and 7 of 12 seeds overfitting one batch of 32 (lr 2e-3, here)
/// died that way. With the bias from the data none did (10 and 12 seeds in PyTorch, and the
/// seeds that died here, in the tests).
/// </summary>
public static class OutputBias
{
    /// <summary>x̄_c is clamped to [ε, 1 − ε] so that a channel that is all 0 or all 1 gets a finite logit.</summary>
    public const double Epsilon = 1e-3;

    /// <summary>
    /// b_c for images [N, C, …] (or flat inputs [N, D], one channel) and the decoder's
    /// <paramref name="output"/> activation: a [C] tensor on the images' device.
    /// </summary>
    public static Tensor FromImages(Tensor images, Activation output)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.dim() < 2 || images.size(0) < 1)
            throw new ArgumentException($"the images must be [N, C, H, W] or [N, D] with N ≥ 1; got [{string.Join(", ", images.shape)}]", nameof(images));
        if (output is not (Activation.Sigmoid or Activation.Identity))
            throw new ArgumentException($"the output bias is set from the data only for a Sigmoid or Identity output; this decoder ends in {output}", nameof(output));
        using (torch.no_grad())
        using (torch.NewDisposeScope())
        {
            // x̄_c over the samples and the pixels of channel c
            long channels = images.dim() == 2 ? 1 : images.size(1);
            Tensor mean = images.to(ScalarType.Float32).reshape(images.size(0), channels, -1).mean(new long[] { 0, 2 });   // [C]
            Tensor bias = output == Activation.Sigmoid
                ? Logit(mean.clamp(Epsilon, 1 - Epsilon))
                : mean;
            return bias.MoveToOuterDisposeScope();
        }
    }

    // logit(p) = log p − log(1 − p)
    private static Tensor Logit(Tensor p) => p.log() - (1.0 - p).log();

    /// <summary>
    /// Writes b into <paramref name="outputBias"/>, the bias of the decoder's last layer: [C] for a
    /// transposed convolution, or [C·H·W] for a linear layer (each channel's b_c repeated over its pixels).
    /// </summary>
    internal static void Assign(Tensor outputBias, Tensor perChannel)
    {
        long channels = perChannel.size(0);
        if (outputBias.numel() % channels != 0)
            throw new ArgumentException($"an output bias of {outputBias.numel()} values cannot hold {channels} channels; do the images match the model's input shape?");
        using (torch.no_grad())
        using (torch.NewDisposeScope())
        {
            long pixels = outputBias.numel() / channels;
            Tensor expanded = perChannel.to(outputBias.dtype, outputBias.device).unsqueeze(1).expand(channels, pixels);   // [C] → [C, H·W]
            outputBias.copy_(expanded.reshape(outputBias.shape));
        }
    }
}
