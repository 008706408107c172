using GenCourse.Vae;

namespace GenCourse.Tests.Vae;

public class ElboTests
{
    [Fact]
    public void TermsAreMeansOverTheBatchWithTheKlWeighted()
    {
        using var scope = torch.NewDisposeScope();
        Tensor logLik = torch.tensor(new double[] { -10, -20 }, new long[] { 2 });
        Tensor kl = torch.tensor(new double[] { 1, 3 }, new long[] { 2 });
        using ElboTerms t = Elbo.Terms(logLik, kl, beta: 0.5);
        Assert.Equal(15.0, t.ReconstructionLoss.ToDouble(), 12);   // D = −mean log p(x|z)
        Assert.Equal(2.0, t.Kl.ToDouble(), 12);                    // R = mean KL
        Assert.Equal(16.0, t.Loss.ToDouble(), 12);                 // D + β R
        Assert.Equal(17.0, t.NegativeElbo, 12);                        // D + R whatever β
    }

    [Fact]
    public void ComputeIsMinusLogLikelihoodPlusClosedFormKl()
    {
        using var vae = VaeAssert.TinyVae();
        using var scope = torch.NewDisposeScope();
        Tensor x = torch.rand(6, 1, 4, 4).round();
        VaeOutput o = vae.call(x);
        using ElboTerms t = Elbo.Compute(vae, o, x, beta: 2);
        double rec = -ReconstructionLikelihood.Bernoulli(o.Recon, x).mean().ToDouble();
        double kl = GaussianKl.Standard(o.Mu, o.LogVar).mean().ToDouble();
        VaeAssert.Close(rec + 2 * kl, t.Loss.ToDouble(), 1e-6);
        VaeAssert.Close(rec, t.ReconstructionLoss.ToDouble(), 1e-6);
        Assert.True(t.Kl.ToDouble() > 0);
    }

    [Fact]
    public void EvaluateAveragesOverTheWholeDataSet()
    {
        using var vae = VaeAssert.TinyVae();
        using var scope = torch.NewDisposeScope();
        Tensor images = torch.rand(10, 1, 4, 4).round();
        using var g1 = new Generator(9);
        ElboSummary s = Elbo.Evaluate(vae, images, batchSize: 10, generator: g1);
        using var g2 = new Generator(9);
        double expected = -Elbo.PerSample(vae, images, g2).mean().ToDouble();
        VaeAssert.Close(expected, s.NegativeElbo, 1e-6);
        VaeAssert.Close(s.ReconstructionLoss + s.Kl, s.NegativeElbo, 1e-12);
        Assert.Equal(10, s.Count);
        // In batches of 3 (the last one of 1) the numbers are still a mean over 10 images.
        ElboSummary batched = Elbo.Evaluate(vae, images, batchSize: 3);
        Assert.InRange(batched.Kl, s.Kl * 0.999, s.Kl * 1.001);   // the KL needs no sample: deterministic
    }

    [Fact]
    public void NegativeBetaIsRejected()
    {
        using var scope = torch.NewDisposeScope();
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Elbo.Terms(torch.zeros(2), torch.zeros(2), beta: -1));
        Assert.Contains("β", e.Message);
    }
}
