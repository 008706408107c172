using GenCourse.Vae;

namespace GenCourse.Tests.Vae;

public class ImportanceSamplingTests
{
    [Fact]
    public void LogMeanExpIsExactAndDoesNotOverflow()
    {
        using var scope = torch.NewDisposeScope();
        Tensor a = torch.tensor(new double[] { 0, Math.Log(3), 1000, 1000 }, new long[] { 2, 2 });
        double[] got = ImportanceSampling.LogMeanExp(a, 1).ToArray<double>();
        Assert.Equal(Math.Log(2), got[0], 12);    // log((1 + 3) / 2)
        Assert.Equal(1000.0, got[1], 9);           // exp(1000) overflows; the log-mean-exp does not
    }

    /// <summary>R independent k-sample estimates for the toy model with the fitted q, as R "data points".</summary>
    private static double[] ToyEstimates(ToyLatentModel toy, double x, DiagonalGaussian q, int k, int replicates, Generator g)
    {
        using var scope = torch.NewDisposeScope();
        var qR = new DiagonalGaussian(q.Mu.expand(replicates, 1), q.LogVar.expand(replicates, 1));
        return ImportanceSampling.LogLikelihood(qR, toy.LogJointOf(x), k, samplesPerPass: 64, generator: g).ToArray<double>();
    }

    private static (double Mean, double StandardError) MeanAndError(double[] v)
    {
        double m = v.Average();
        double var = v.Sum(t => (t - m) * (t - m)) / (v.Length - 1);
        return (m, Math.Sqrt(var / v.Length));
    }

    [Fact]
    public void ImportanceWeightedBoundsClimbFromTheElboTowardLogPx()
    {
        // The moment-matched Gaussian covers both posterior modes: a poor ELBO, a good proposal.
        var toy = new ToyLatentModel();
        const double x = 2.0;
        using DiagonalGaussian q = toy.MomentMatchedGaussian(x);
        double elbo = toy.Elbo(x, q.Mu.ToDouble(), q.LogVar.ToDouble());
        double logPx = toy.LogMarginal(x);
        Assert.True(logPx - elbo > 5, $"the test needs a wide gap; got {logPx - elbo:F3}");
        using var g = new Generator(23);
        double previous = elbo;
        foreach (int k in new[] { 2, 10, 100, 1000 })
        {
            (double mean, double se) = MeanAndError(ToyEstimates(toy, x, q, k, replicates: 4000, g));
            Assert.True(mean - 4 * se <= logPx, $"k = {k}: E[log p̂] = {mean:F4} ± {se:F4} above log p(x) = {logPx:F4}");
            Assert.True(mean - 4 * se > previous, $"k = {k}: the bound {mean:F4} ± {se:F4} is not above the previous {previous:F4}");
            previous = mean;
        }
        Assert.True(logPx - previous < 0.01, $"k = 1000 left a gap of {logPx - previous:F4} nats");
    }

    [Fact]
    public void WithOneSampleTheEstimateIsTheElboInExpectation()
    {
        var toy = new ToyLatentModel();
        const double x = 2.0;
        using DiagonalGaussian q = toy.FitGaussian(x);
        double elbo = toy.Elbo(x, q.Mu.ToDouble(), q.LogVar.ToDouble());
        using var g = new Generator(29);
        (double mean, double se) = MeanAndError(ToyEstimates(toy, x, q, k: 1, replicates: 200_000, g));
        Assert.True(Math.Abs(mean - elbo) < 4 * se, $"E[log w] = {mean:F5} ± {se:F5}, ELBO {elbo:F5}");
        Assert.True(se < 0.005);
    }

    [Fact]
    public void VaeOneSampleEstimateAgreesWithTheClosedFormKlElboOnAverage()
    {
        // log p(x|z) + log p(z) − log q(z|x) and log p(x|z) − KL_closed have the same expectation.
        using var vae = VaeAssert.TinyVae();
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(31);
        Tensor image = torch.rand(new long[] { 1, 1, 4, 4 }, generator: g).round();
        Tensor x = image.expand(50_000, 1, 4, 4).contiguous();
        double[] iw = ImportanceSampling.LogLikelihood(vae, x, k: 1, generator: g).to(ScalarType.Float64).ToArray<double>();
        double[] elbo = Elbo.PerSample(vae, x, g).to(ScalarType.Float64).ToArray<double>();
        (double m1, double s1) = MeanAndError(iw);
        (double m2, double s2) = MeanAndError(elbo);
        Assert.True(Math.Abs(m1 - m2) < 4 * Math.Sqrt(s1 * s1 + s2 * s2), $"IS k=1 {m1:F4} ± {s1:F4}, ELBO {m2:F4} ± {s2:F4}");
    }

    [Fact]
    public void PassesAreCombinedExactly()
    {
        // Record every z the estimator draws, whatever the split into passes, and recompute
        // log (1/k) Σ w from the recorded weights: the passes must combine to exactly that.
        using var scope = torch.NewDisposeScope();
        var q = new DiagonalGaussian(torch.tensor(new double[] { 0.3, -0.2, 1.0, 0.5 }, new long[] { 2, 2 }),
                                     torch.tensor(new double[] { -0.5, 0.1, 0.0, -1.0 }, new long[] { 2, 2 }));
        foreach ((int k, int perPass) in new[] { (1, 1), (7, 3), (7, 7), (50, 8) })
        {
            var logW = new List<Tensor>();
            Tensor LogJoint(Tensor z)
            {
                Tensor w = (z * 1.7).sin().sum(-1) * 3.0;              // any log-weight: log p(x,z) − log q(z|x) = 3 Σ sin(1.7 z)
                logW.Add(w.detach().DetachFromDisposeScope());
                return w + q.LogProb(z);
            }
            using var g = new Generator(41);
            double[] got = ImportanceSampling.LogLikelihood(q, LogJoint, k, perPass, g).ToArray<double>();
            Tensor all = torch.cat(logW.ToArray());                       // [k, B]
            Assert.Equal(k, all.size(0));
            VaeAssert.Close(ImportanceSampling.LogMeanExp(all, 0).ToArray<double>(), got, 1e-12);
            foreach (Tensor t in logW) t.Dispose();
        }
    }

    [Fact]
    public void VaeWeightsAreDecoderLikelihoodTimesPriorOverEncoderDensity()
    {
        // k = 1 with a seeded generator: the estimator's ε is the first draw of the same seed.
        using var vae = VaeAssert.TinyVae();
        using var scope = torch.NewDisposeScope();
        Tensor x = torch.rand(5, 1, 4, 4).round();
        using (torch.no_grad())
        {
            using var g1 = new Generator(43);
            double[] got = ImportanceSampling.LogLikelihood(vae, x, k: 1, generator: g1).to(ScalarType.Float64).ToArray<double>();
            using var g2 = new Generator(43);
            DiagonalGaussian q = vae.Encode(x);
            Tensor z = q.Mu + q.Sigma() * torch.randn(new long[] { 1, 5, 3 }, generator: g2).squeeze(0);
            Tensor logW = vae.ReconstructionLogLikelihood(vae.Decode(z), x) + DiagonalGaussian.StandardLogProb(z) - q.LogProb(z);
            VaeAssert.Close(logW.to(ScalarType.Float64).ToArray<double>(), got, 1e-5);
        }
    }

    [Fact]
    public void EvaluateReportsNllBelowTheElboAndBitsPerDim()
    {
        // An untrained encoder's q(z|x) is close to the posterior (both near the prior), so the
        // gap between −ELBO and −log p(x) is hundredths of a nat, below the noise of 40
        // single-sample ELBOs. Widening q to σ² = e² per dimension opens a gap of
        // KL(N(μ, e²) ‖ N(0, 1)) ≈ ½(e² − 1 − 2) ≈ 2.2 nats per dimension, 6.6 for the 3 latents,
        // which 200 importance samples from the wide (hence safe) proposal mostly recover.
        using var vae = VaeAssert.TinyVae();
        using (torch.no_grad())
        {
            var p = vae.named_parameters().ToDictionary(t => t.name, t => t.parameter);
            p["encoder.head.logvar.weight"].zero_();
            p["encoder.head.logvar.bias"].fill_(2.0);
        }
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(37);
        Tensor images = torch.rand(new long[] { 40, 1, 4, 4 }, generator: g).round();
        LikelihoodEstimate e = ImportanceSampling.Evaluate(vae, images, k: 200, batchSize: 16, generator: g);
        Assert.Equal(40, e.Count);
        Assert.Equal(200, e.K);
        Assert.True(e.NegativeLogLikelihood < e.NegativeElbo - 2, $"NLL {e.NegativeLogLikelihood} is not well below −ELBO {e.NegativeElbo}");
        Assert.Equal(e.NegativeLogLikelihood / (16 * Math.Log(2)), e.BitsPerDim, 12);
        Assert.True(e.StandardError > 0);
    }

    [Fact]
    public void KMustBePositive()
    {
        using var vae = VaeAssert.TinyVae();
        using var scope = torch.NewDisposeScope();
        Assert.Throws<ArgumentOutOfRangeException>(() => ImportanceSampling.LogLikelihood(vae, torch.zeros(1, 1, 4, 4), k: 0));
    }
}
