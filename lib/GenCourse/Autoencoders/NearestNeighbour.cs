using TorchSharp;
using static TorchSharp.torch;

namespace GenCourse.Autoencoders;

/// <summary>
/// How far samples are from a reference set: for each sample, the mean squared difference per
/// value to its nearest reference row, min_r (1/D) ‖x_s − x_r‖². For images that is the MSE per
/// pixel to the nearest training image; for codes, how far a code lies from every code the
/// decoder was trained on (a decoded random code is off the training codes' region).
/// </summary>
public static class NearestNeighbour
{
    /// <summary>
    /// min over the rows of <paramref name="reference"/> [R, …] of the squared error per value
    /// to each row of <paramref name="samples"/> [S, …], [S] float32 on the samples' device. The
    /// reference is scanned in chunks, so only an S × chunk distance matrix is ever held.
    /// </summary>
    public static Tensor MeanSquaredDistance(Tensor samples, Tensor reference, int chunk = 4096)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(reference);
        if (chunk < 1) throw new ArgumentOutOfRangeException(nameof(chunk), chunk, "the chunk size must be at least 1");
        if (samples.dim() < 2 || reference.dim() < 2 || samples.numel() / samples.size(0) != reference.numel() / Math.Max(1, reference.size(0)))
            throw new ArgumentException($"samples [{string.Join(", ", samples.shape)}] and reference [{string.Join(", ", reference.shape)}] must both be [N, …] with the same number of values per image");
        if (reference.size(0) == 0) throw new ArgumentException("the reference set is empty", nameof(reference));
        using (torch.NewDisposeScope())
        using (torch.no_grad())
        {
            Tensor s = samples.flatten(1).to(ScalarType.Float32);
            long d = s.size(1);
            Tensor? best = null;
            for (long start = 0; start < reference.size(0); start += chunk)
            {
                Tensor r = reference.narrow(0, start, Math.Min(chunk, reference.size(0) - start)).flatten(1).to(ScalarType.Float32, s.device);
                // ‖s − r‖² = ‖s‖² − 2 s·r + ‖r‖²   [S, chunk]
                Tensor squared = s.square().sum(1, keepdim: true) - 2 * torch.mm(s, r.t()) + r.square().sum(1).unsqueeze(0);
                (Tensor nearest, _) = squared.min(1);
                best = best is null ? nearest : torch.minimum(best, nearest);
            }
            return (best!.clamp(0.0, null) / (double)d).MoveToOuterDisposeScope();
        }
    }
}
