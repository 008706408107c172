using GenCourse.Vae;

namespace GenCourse.Tests.Vae;

public class ToyLatentModelTests
{
    [Fact]
    public void QuadratureMatchesTheClosedFormOfALinearGaussianModel()
    {
        // a = 0: x = b z + σ_x·noise, so p(x) = N(x; 0, b² + σ_x²) exactly.
        var toy = new ToyLatentModel(a: 0, b: 1.5, sigmaX: 0.4);
        foreach (double x in new[] { -2.0, 0.0, 0.7, 3.1 })
        {
            double v = 1.5 * 1.5 + 0.4 * 0.4;
            double exact = -0.5 * (Math.Log(2 * Math.PI * v) + x * x / v);
            Assert.Equal(exact, toy.LogMarginal(x), 9);
        }
    }

    [Fact]
    public void TheBestGaussianOfALinearGaussianModelIsItsExactPosterior()
    {
        // Posterior N(b x / (b² + σ²), σ² / (b² + σ²)): the ELBO's optimum closes the gap.
        var toy = new ToyLatentModel(a: 0, b: 1.5, sigmaX: 0.4);
        const double x = 0.9;
        using DiagonalGaussian q = toy.FitGaussian(x, initialMu: 0, steps: 1500, lr: 0.02);
        double v = 1.5 * 1.5 + 0.16;
        Assert.Equal(1.5 * x / v, q.Mu.ToDouble(), 3);
        Assert.Equal(Math.Log(0.16 / v), q.LogVar.ToDouble(), 3);
        double mu = q.Mu.ToDouble(), logVar = q.LogVar.ToDouble();
        Assert.True(toy.KlToPosterior(x, mu, logVar) < 1e-5);
        Assert.Equal(toy.LogMarginal(x), toy.Elbo(x, mu, logVar), 5);
    }

    [Fact]
    public void LogEvidenceIsElboPlusKlToThePosterior()
    {
        // log p(x) = ELBO(q) + KL(q ‖ p(z|x)) for any q; ELBO and KL use different grids.
        var toy = new ToyLatentModel();
        foreach ((double x, double mu, double logVar) in new[] { (2.0, 0.8, -1.5), (2.0, -1.0, 0.3), (-0.3, 0.1, -0.5) })
        {
            double logPx = toy.LogMarginal(x);
            double elbo = toy.Elbo(x, mu, logVar);
            double kl = toy.KlToPosterior(x, mu, logVar);
            Assert.True(kl > 0, $"a Gaussian q cannot be the non-Gaussian posterior, yet KL = {kl}");
            Assert.True(elbo < logPx);
            Assert.Equal(logPx, elbo + kl, 8);
        }
    }

    [Fact]
    public void QuadratureElboMatchesAMonteCarloEstimate()
    {
        var toy = new ToyLatentModel();
        const double x = 2.0, mu = 1.0, logVar = -2.0;
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(17);
        var q = new DiagonalGaussian(torch.full(new long[] { 1, 1 }, mu, ScalarType.Float64), torch.full(new long[] { 1, 1 }, logVar, ScalarType.Float64));
        Tensor z = q.Mu + q.Sigma() * torch.randn(new long[] { 400_000, 1, 1 }, ScalarType.Float64, generator: g);
        Tensor terms = toy.LogJointOf(x)(z) - q.LogProb(z);                 // [S, 1]
        double mc = terms.mean().ToDouble(), se = terms.std().ToDouble() / Math.Sqrt(400_000);
        double quad = toy.Elbo(x, mu, logVar);
        Assert.True(Math.Abs(mc - quad) < 4 * se, $"quadrature {quad:F5}, Monte Carlo {mc:F5} ± {se:F5}");
    }

    [Fact]
    public void FittedGaussianSitsOnOneModeWithAPositiveGap()
    {
        var toy = new ToyLatentModel();
        const double x = 2.0;
        using DiagonalGaussian q = toy.FitGaussian(x, initialMu: 0.5);
        double mu = q.Mu.ToDouble(), logVar = q.LogVar.ToDouble();
        // The larger root of z² + z/2 = 2 is (−0.5 + √8.25)/2 ≈ 1.186; the mode is pulled slightly toward 0 by the prior.
        Assert.InRange(mu, 0.9, 1.25);
        double gap = toy.LogMarginal(x) - toy.Elbo(x, mu, logVar);
        Assert.InRange(gap, 0.05, 2.0);
        // It is a maximum: moving μ either way lowers the ELBO.
        Assert.True(toy.Elbo(x, mu + 0.05, logVar) < toy.Elbo(x, mu, logVar));
        Assert.True(toy.Elbo(x, mu - 0.05, logVar) < toy.Elbo(x, mu, logVar));
    }
}
