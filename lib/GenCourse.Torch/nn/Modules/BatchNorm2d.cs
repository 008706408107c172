namespace GenCourse.Torch.Modules;

/// <summary>Batch normalisation of [N, C, H, W] over (N, H, W) per channel (PyTorch's <c>nn.BatchNorm2d</c>); see <see cref="BatchNorm"/>.</summary>
public sealed class BatchNorm2d : BatchNorm
{
    public BatchNorm2d(long num_features, double eps = 1e-5, double? momentum = 0.1, bool affine = true, bool track_running_stats = true,
        Device? device = null, ScalarType? dtype = null)
        : base(num_features, eps, momentum, affine, track_running_stats, device, dtype)
    {
    }

    protected override void CheckInputDim(Tensor input)
    {
        if (input.dim() != 4)
            throw new ArgumentException($"BatchNorm2d expects input [N, C, H, W], got shape [{string.Join(", ", input.shape)}]", nameof(input));
    }
}
