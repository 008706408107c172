using GenCourse.Engine;

namespace GenCourse.Tests.Engine;

public sealed class NormsTests
{
    [Fact]
    public void GroupNormStartsAsPyTorchsAndNormalisesEachGroup()
    {
        using var norm = Norms.GroupNorm(2, 4);
        Assert.Equal(Enumerable.Repeat(1f, 4), norm.weight!.ToArray<float>());
        Assert.Equal(Enumerable.Repeat(0f, 4), norm.bias!.ToArray<float>());
        // With γ = 1, β = 0 each group of 2 channels × 3 values has mean 0 and (biased) variance ≈ 1.
        using Tensor x = torch.randn(5, 4, 3) * 3 + 7;
        using Tensor y = norm.call(x).view(5, 2, 6);
        foreach (double m in y.mean([2]).ToArray<double>()) Assert.Equal(0, m, 5);
        foreach (double v in y.var([2], unbiased: false).ToArray<double>()) Assert.Equal(1, v, 3);
        Assert.Throws<ArgumentException>(() => Norms.GroupNorm(3, 4));
    }
}
