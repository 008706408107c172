namespace GenCourse.Torch.Modules;

/// <summary>
/// x·Φ(x) with Φ the standard normal CDF (Hendrycks &amp; Gimpel 2016, arXiv:1606.08415;
/// PyTorch's <c>nn.GELU</c>). approximate "tanh" uses 0.5x(1 + tanh(√(2/π)(x + 0.044715x³))).
/// </summary>
public sealed class GELU : nn.Module<Tensor, Tensor>
{
    public GELU(string approximate = "none")
    {
        if (approximate is not ("none" or "tanh"))
            throw new ArgumentException($"approximate '{approximate}' is not supported; use \"none\" or \"tanh\"", nameof(approximate));
        this.approximate = approximate;
    }

    public string approximate { get; }

    public override Tensor forward(Tensor input) => input.gelu(approximate);

    protected override string extra_repr() => $"approximate='{approximate}'";
}
