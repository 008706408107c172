using GenCourse.Vae;

namespace GenCourse.Tests.Vae;

public class ReconstructionLikelihoodTests
{
    private static double Sigmoid(double l) => 1 / (1 + Math.Exp(-l));

    [Fact]
    public void BernoulliIsTheSumOfPixelLogProbabilities()
    {
        using var scope = torch.NewDisposeScope();
        double[] logits = { 2.0, -1.0, 0.5, 0.0, 3.0, -4.0 };
        double[] x = { 1, 0, 1, 0, 0.25, 0.5 };   // grey levels give a cross-entropy, same formula
        double[] expected = new double[2];
        for (int i = 0; i < 6; ++i)
            expected[i / 3] += x[i] * Math.Log(Sigmoid(logits[i])) + (1 - x[i]) * Math.Log(1 - Sigmoid(logits[i]));
        Tensor got = ReconstructionLikelihood.Bernoulli(
            torch.tensor(logits, new long[] { 2, 1, 1, 3 }), torch.tensor(x, new long[] { 2, 1, 1, 3 }));
        Assert.Equal(new long[] { 2 }, got.shape);
        VaeAssert.Close(expected, got.ToArray<double>(), 1e-12);
    }

    [Fact]
    public void BernoulliStaysFiniteAndExactForHugeLogits()
    {
        // log σ(−200) = −200 − log(1 + e⁻²⁰⁰) ≈ −200: a probability-space BCE would take log 0.
        using var scope = torch.NewDisposeScope();
        Tensor logits = torch.tensor(new double[] { -200, 200 }, new long[] { 1, 2 }, ScalarType.Float32);
        Tensor x = torch.tensor(new double[] { 1, 0 }, new long[] { 1, 2 }, ScalarType.Float32);
        double got = ReconstructionLikelihood.Bernoulli(logits, x).ToDouble();
        Assert.Equal(-400.0, got, 3);
    }

    [Fact]
    public void GaussianMatchesTheDensityFormula()
    {
        using var scope = torch.NewDisposeScope();
        double[] mean = { 0.1, 0.5, 0.9, 0.3 };
        double[] x = { 0.0, 0.7, 1.0, 0.3 };
        double logVar = -1.2;
        double expected = 0;
        foreach (int i in new[] { 0, 1, 2, 3 })
            expected += -0.5 * (Math.Log(2 * Math.PI) + logVar + (x[i] - mean[i]) * (x[i] - mean[i]) / Math.Exp(logVar));
        Tensor got = ReconstructionLikelihood.Gaussian(torch.tensor(mean, new long[] { 1, 1, 2, 2 }),
            torch.tensor(logVar, ScalarType.Float64), torch.tensor(x, new long[] { 1, 1, 2, 2 }));
        VaeAssert.Close(expected, got.ToDouble(), 1e-12);
    }

    [Fact]
    public void ShapeMismatchNamesBothShapes()
    {
        using var scope = torch.NewDisposeScope();
        var e = Assert.Throws<ArgumentException>(() => ReconstructionLikelihood.Bernoulli(torch.zeros(2, 784), torch.zeros(2, 1, 28, 28)));
        Assert.Contains("[2, 784]", e.Message);
        Assert.Contains("[2, 1, 28, 28]", e.Message);
    }
}
