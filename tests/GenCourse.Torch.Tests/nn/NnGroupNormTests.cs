using static GenCourse.Torch.Tests.Nn.NnTestUtil;

namespace GenCourse.Torch.Tests.Nn;

public class NnGroupNormTests
{
    [Fact]
    public void NormalisesEachSamplesGroupThenScalesPerChannel()
    {
        torch.manual_seed(9);
        using var gn = nn.GroupNorm(2, 4).to(ScalarType.Float64);
        Set(gn.weight!, 2, 2, 3, 3);
        Set(gn.bias!, 1, 1, -1, -1);
        using Tensor x = torch.randn(new long[] { 3, 4, 5, 5 }, ScalarType.Float64) * 4 + 2;
        using Tensor y = gn.call(x);
        for (int n = 0; n < 3; ++n)
            for (int g = 0; g < 2; ++g)
            {
                // channels 2g, 2g+1 of sample n: (x − μ)/√(σ² + ε) has mean 0 and variance σ²/(σ² + ε) ≈ 1
                using Tensor group = y[n, TensorIndex.Slice(2 * g, 2 * g + 2)];
                (double mean, double variance) = Moments(group);
                double gamma = g == 0 ? 2 : 3, beta = g == 0 ? 1 : -1;
                Assert.Equal(beta, mean, 1e-9);
                Assert.Equal(gamma * gamma, variance, 1e-4);
            }
    }

    [Fact]
    public void DoesNotDependOnOtherSamples()
    {
        torch.manual_seed(10);
        using var gn = nn.GroupNorm(1, 2);
        using Tensor a = torch.randn(1, 2, 3, 3);
        using Tensor b = torch.randn(1, 2, 3, 3);
        using Tensor alone = gn.call(a);
        using Tensor both = gn.call(torch.cat(new[] { a, b }));
        using Tensor first = both[0];
        Close(alone.ToArray<double>(), first.ToArray<double>(), 1e-6);
    }

    [Fact]
    public void RejectsChannelsNotDivisibleByGroups()
    {
        Assert.Throws<ArgumentException>(() => nn.GroupNorm(3, 4));
        using var gn = nn.GroupNorm(2, 4);
        using Tensor x = torch.zeros(1, 6, 2, 2);
        Assert.Contains("[N, 4, *]", Assert.Throws<ArgumentException>(() => gn.call(x)).Message);
    }
}
