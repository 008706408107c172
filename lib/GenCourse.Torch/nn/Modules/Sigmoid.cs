namespace GenCourse.Torch.Modules;

/// <summary>σ(x) = 1/(1 + e^(−x)) (PyTorch's <c>nn.Sigmoid</c>).</summary>
public sealed class Sigmoid : nn.Module<Tensor, Tensor>
{
    public override Tensor forward(Tensor input) => input.sigmoid();
}
