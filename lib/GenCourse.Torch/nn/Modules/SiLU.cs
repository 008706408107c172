namespace GenCourse.Torch.Modules;

/// <summary>x·σ(x), also called swish (PyTorch's <c>nn.SiLU</c>).</summary>
public sealed class SiLU : nn.Module<Tensor, Tensor>
{
    public override Tensor forward(Tensor input) => input.silu();
}
