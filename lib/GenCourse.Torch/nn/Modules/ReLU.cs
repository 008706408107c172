namespace GenCourse.Torch.Modules;

/// <summary>max(0, x) (PyTorch's <c>nn.ReLU</c>).</summary>
public sealed class ReLU : nn.Module<Tensor, Tensor>
{
    public override Tensor forward(Tensor input) => input.relu();
}
