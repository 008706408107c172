using System.Globalization;

namespace GenCourse.Torch.Modules;

/// <summary>Merges dimensions start_dim … end_dim into one (PyTorch's <c>nn.Flatten</c>; by default [N, C, H, W] → [N, C·H·W]).</summary>
public sealed class Flatten : nn.Module<Tensor, Tensor>
{
    public Flatten(int start_dim = 1, int end_dim = -1)
    {
        this.start_dim = start_dim;
        this.end_dim = end_dim;
    }

    public int start_dim { get; }
    public int end_dim { get; }

    public override Tensor forward(Tensor input) => input.flatten(start_dim, end_dim);

    protected override string extra_repr() => string.Create(CultureInfo.InvariantCulture, $"start_dim={start_dim}, end_dim={end_dim}");
}
