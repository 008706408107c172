using GenCourse.Torch.Modules;
using static GenCourse.Torch.Tests.Nn.NnTestUtil;

namespace GenCourse.Torch.Tests.Nn;

public class NnLinearTests
{
    [Fact]
    public void ComputesXTimesWTransposedPlusB()
    {
        using var layer = nn.Linear(3, 2);
        Set(layer.weight, 1, 2, 3, -1, 0, 1);      // W = [[1, 2, 3], [−1, 0, 1]]
        Set(layer.bias!, 0.5, -0.5);
        using Tensor x = torch.tensor(new float[,] { { 1, 1, 1 }, { 2, 0, -1 } });
        using Tensor y = layer.call(x);
        // row 1: (1+2+3+0.5, −1+0+1−0.5); row 2: (2−3+0.5, −2−1−0.5)
        Close(new[] { 6.5, -0.5, -0.5, -3.5 }, y, 1e-6);
    }

    [Fact]
    public void DefaultInitStaysWithinPyTorchsBounds()
    {
        torch.manual_seed(0);
        using var layer = nn.Linear(400, 300);
        double bound = 1 / Math.Sqrt(400);                    // kaiming_uniform(a = √5): √3·√(1/3)/√fan_in
        double[] w = layer.weight.ToArray<double>();
        Assert.All(w, v => Assert.InRange(v, -bound, bound));
        Assert.True(w.Max() > 0.99 * bound && w.Min() < -0.99 * bound, "the weights should fill U(−b, b)");
        (double mean, double variance) = Moments(layer.weight);
        Assert.InRange(mean, -0.002, 0.002);                 // σ/√n ≈ 8e-5
        Assert.InRange(variance / (bound * bound / 3), 0.98, 1.02);   // Var U(−b, b) = b²/3; rel. s.e. ≈ 0.3%
        Assert.All(layer.bias!.ToArray<double>(), v => Assert.InRange(v, -bound, bound));
        Assert.True(layer.bias.ToArray<double>().Select(Math.Abs).Max() > 0.9 * bound);
    }

    [Fact]
    public void WithoutBiasHasOnlyAWeight()
    {
        using var layer = nn.Linear(2, 2, bias: false);
        Assert.Null(layer.bias);
        Assert.Equal(new[] { "weight" }, layer.named_parameters().Select(p => p.name));
        Set(layer.weight, 1, 0, 0, 1);
        using Tensor x = torch.tensor(new float[] { 3, 4 });
        using Tensor y = layer.call(x);
        Assert.Equal(new float[] { 3, 4 }, y.ToArray<float>());
    }

    [Fact]
    public void GradientsAreThoseOfTheAffineMap()
    {
        using var layer = nn.Linear(2, 1);
        using Tensor x = torch.tensor(new float[,] { { 1, 2 }, { 3, 5 } });
        using (Tensor loss = layer.call(x).sum()) loss.backward();
        // ∂Σ(xWᵀ + b)/∂W = Σ_rows x = (4, 7); ∂/∂b = number of rows
        using Tensor? gw = layer.weight.grad;
        using Tensor? gb = layer.bias!.grad;
        Close(new[] { 4.0, 7.0 }, gw!, 1e-6);
        Close(new[] { 2.0 }, gb!, 1e-6);
    }

    [Fact]
    public void RejectsEmptySizes()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => nn.Linear(0, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => nn.Linear(3, 0));
    }
}
