namespace GenCourse.Torch.Modules;

/// <summary>Returns its input unchanged (PyTorch's <c>nn.Identity</c>), e.g. where a skip path needs no projection.</summary>
public sealed class Identity : nn.Module<Tensor, Tensor>
{
    // A new handle to the same tensor, so that disposing the result never frees the caller's input.
    public override Tensor forward(Tensor input) => input.Alias();
}
