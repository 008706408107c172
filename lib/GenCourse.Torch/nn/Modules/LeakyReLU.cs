using System.Globalization;

namespace GenCourse.Torch.Modules;

/// <summary>x for x ≥ 0, negative_slope·x below (PyTorch's <c>nn.LeakyReLU</c>; DCGAN's discriminator uses 0.2).</summary>
public sealed class LeakyReLU : nn.Module<Tensor, Tensor>
{
    public LeakyReLU(double negative_slope = 0.01) => this.negative_slope = negative_slope;

    public double negative_slope { get; }

    public override Tensor forward(Tensor input) => input.leaky_relu(negative_slope);

    protected override string extra_repr() => string.Create(CultureInfo.InvariantCulture, $"negative_slope={PyFormat.Float(negative_slope)}");
}
