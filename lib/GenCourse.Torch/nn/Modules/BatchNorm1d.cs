namespace GenCourse.Torch.Modules;

/// <summary>Batch normalisation of [N, C] or [N, C, L] (PyTorch's <c>nn.BatchNorm1d</c>); see <see cref="BatchNorm"/>.</summary>
public sealed class BatchNorm1d : BatchNorm
{
    public BatchNorm1d(long num_features, double eps = 1e-5, double? momentum = 0.1, bool affine = true, bool track_running_stats = true,
        Device? device = null, ScalarType? dtype = null)
        : base(num_features, eps, momentum, affine, track_running_stats, device, dtype)
    {
    }

    protected override void CheckInputDim(Tensor input)
    {
        int d = input.dim();
        if (d is not (2 or 3))
            throw new ArgumentException($"BatchNorm1d expects input [N, C] or [N, C, L], got shape [{string.Join(", ", input.shape)}]", nameof(input));
    }
}
