namespace GenCourse.Torch.Modules;

/// <summary>tanh(x) (PyTorch's <c>nn.Tanh</c>).</summary>
public sealed class Tanh : nn.Module<Tensor, Tensor>
{
    public override Tensor forward(Tensor input) => input.tanh();
}
