using GenCourse.Vae;

namespace GenCourse.Tests.Vae;

public class GaussianKlTests
{
    [Fact]
    public void IsZeroExactlyAtTheStandardNormal()
    {
        using var scope = torch.NewDisposeScope();
        Tensor kl = GaussianKl.Standard(torch.zeros(4, 7), torch.zeros(4, 7));
        Assert.Equal(new long[] { 4 }, kl.shape);
        Assert.All(kl.ToArray<float>(), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void MatchesHandDerivedValuesPerDimension()
    {
        using var scope = torch.NewDisposeScope();
        // Per dimension ½(μ² + σ² − 1 − log σ²): μ = 1, σ² = 1 → ½;  μ = 0, σ² = 2 → ½(1 − ln 2);  μ = −2, σ² = e⁻¹ → ½(4 + e⁻¹ − 1 + 1).
        Tensor mu = torch.tensor(new double[] { 1, 0, -2 }, new long[] { 1, 3 });
        Tensor logVar = torch.tensor(new double[] { 0, Math.Log(2), -1 }, new long[] { 1, 3 });
        double expected = 0.5 + 0.5 * (1 - Math.Log(2)) + 0.5 * (4 + Math.Exp(-1));
        Assert.Equal(expected, GaussianKl.Standard(mu, logVar).ToDouble(), 12);
    }

    [Fact]
    public void IsNonNegativeForRandomParameters()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(11);
        Tensor mu = torch.randn(new long[] { 2000, 5 }, ScalarType.Float64, generator: g) * 3.0;
        Tensor logVar = torch.randn(new long[] { 2000, 5 }, ScalarType.Float64, generator: g) * 4.0;
        double min = GaussianKl.Standard(mu, logVar).min().ToDouble();
        Assert.True(min >= 0, $"a KL divergence came out negative: {min}");
        Assert.True(min > 0, "random parameters never sit exactly at the prior, so every KL should be strictly positive");
    }

    [Fact]
    public void ClosedFormMatchesAMonteCarloEstimateWithinSamplingError()
    {
        // KL(q ‖ p) = E_q[log q(z) − log p(z)], estimated with 200,000 draws z ~ q.
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(5);
        double[] muValues = { 0.7, -1.3, 0.2 };
        double[] logVarValues = { -0.5, 0.8, -2.0 };
        Tensor mu = torch.tensor(muValues, new long[] { 1, 3 });
        Tensor logVar = torch.tensor(logVarValues, new long[] { 1, 3 });
        var q = new DiagonalGaussian(mu.to(ScalarType.Float64), logVar.to(ScalarType.Float64));
        const int n = 200_000;
        Tensor eps = torch.randn(new long[] { n, 1, 3 }, ScalarType.Float64, generator: g);
        Tensor z = q.Mu + q.Sigma() * eps;                                              // [n, 1, 3]
        Tensor logRatio = (q.LogProb(z) - DiagonalGaussian.StandardLogProb(z)).squeeze(1); // [n]
        double mc = logRatio.mean().ToDouble();
        double se = logRatio.std().ToDouble() / Math.Sqrt(n);
        double closed = GaussianKl.Standard(mu, logVar).ToDouble();
        Assert.True(Math.Abs(mc - closed) < 4 * se, $"closed form {closed:F5}, Monte Carlo {mc:F5} ± {se:F5}");
        Assert.True(se < 0.01, $"the Monte Carlo standard error {se} is too wide for the check to mean anything");
    }

    [Fact]
    public void GradientsAreMuAndHalfOfSigmaSquaredMinusOne()
    {
        // ∂KL/∂μ = μ,  ∂KL/∂log σ² = ½(σ² − 1)
        using var scope = torch.NewDisposeScope();
        Tensor mu = torch.tensor(new double[] { 0.3, -1.5 }, new long[] { 1, 2 }, ScalarType.Float64, requires_grad: true);
        Tensor logVar = torch.tensor(new double[] { 0.4, -0.9 }, new long[] { 1, 2 }, ScalarType.Float64, requires_grad: true);
        GaussianKl.Standard(mu, logVar).sum().backward();
        Assert.Equal(new[] { 0.3, -1.5 }, mu.grad!.ToArray<double>());
        double[] g = logVar.grad!.ToArray<double>();
        Assert.Equal(0.5 * (Math.Exp(0.4) - 1), g[0], 12);
        Assert.Equal(0.5 * (Math.Exp(-0.9) - 1), g[1], 12);
    }

    [Fact]
    public void BetweenTwoGaussiansReducesToStandardAndIsZeroForEqualOnes()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(3);
        Tensor mu = torch.randn(new long[] { 6, 4 }, ScalarType.Float64, generator: g);
        Tensor logVar = torch.randn(new long[] { 6, 4 }, ScalarType.Float64, generator: g);
        Tensor general = GaussianKl.Between(mu, logVar, torch.zeros_like(mu), torch.zeros_like(logVar));
        Tensor standard = GaussianKl.Standard(mu, logVar);
        VaeAssert.Close(standard.ToArray<double>(), general.ToArray<double>(), 1e-12);
        Assert.All(GaussianKl.Between(mu, logVar, mu, logVar).ToArray<double>(), v => Assert.Equal(0.0, v, 12));
    }

    [Fact]
    public void MismatchedShapesAreAClearError()
    {
        using var scope = torch.NewDisposeScope();
        var e = Assert.Throws<ArgumentException>(() => GaussianKl.Standard(torch.zeros(2, 3), torch.zeros(2, 4)));
        Assert.Contains("same shape", e.Message);
    }
}
