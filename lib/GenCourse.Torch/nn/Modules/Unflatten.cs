using System.Globalization;

namespace GenCourse.Torch.Modules;

/// <summary>Splits dimension <see cref="dim"/> into <see cref="unflattened_size"/> (PyTorch's <c>nn.Unflatten</c>; e.g. [N, 784] → [N, 1, 28, 28]).</summary>
public sealed class Unflatten : nn.Module<Tensor, Tensor>
{
    private readonly long[] sizes;

    public Unflatten(int dim, long[] unflattened_size)
    {
        ArgumentNullException.ThrowIfNull(unflattened_size);
        if (unflattened_size.Length == 0)
            throw new ArgumentException("Unflatten needs at least one size", nameof(unflattened_size));
        this.dim = dim;
        sizes = (long[])unflattened_size.Clone();
    }

    public int dim { get; }
    public IReadOnlyList<long> unflattened_size => sizes;

    public override Tensor forward(Tensor input) => input.unflatten(dim, sizes);

    protected override string extra_repr() => string.Create(CultureInfo.InvariantCulture, $"dim={dim}, unflattened_size={PyFormat.Tuple(sizes)}");
}
