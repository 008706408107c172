using GenCourse.Vae;

namespace GenCourse.Tests.Vae;

public class VaeTests
{
    [Fact]
    public void MlpForwardGivesNamedOutputsOfTheRightShapes()
    {
        using var vae = new GenCourse.Vae.Vae(VaeOptions.PytorchExample);
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(0);
        VaeOutput out1 = vae.Forward(torch.rand(new long[] { 5, 1, 28, 28 }, generator: g), g);
        Assert.Equal(new long[] { 5, 1, 28, 28 }, out1.Recon.shape);
        Assert.Equal(new long[] { 5, 20 }, out1.Mu.shape);
        Assert.Equal(new long[] { 5, 20 }, out1.LogVar.shape);
        Assert.Equal(new long[] { 5, 20 }, out1.Z.shape);
        // 784·400 + 400 + 2·(400·20 + 20) + 20·400 + 400 + 400·784 + 784: pytorch/examples' parameter count.
        Assert.Equal(652_824L, vae.parameters().Sum(p => p.numel()));
    }

    [Fact]
    public void ConvForwardRoundTripsTheImageShape()
    {
        var options = new VaeOptions { Architecture = VaeArchitecture.Conv, ImageShape = [3, 32, 32], ConvChannels = [8, 16, 16], HiddenSizes = [32], LatentDim = 4 };
        using var vae = new GenCourse.Vae.Vae(options);
        using var scope = torch.NewDisposeScope();
        VaeOutput o = vae.call(torch.rand(2, 3, 32, 32));
        Assert.Equal(new long[] { 2, 3, 32, 32 }, o.Recon.shape);
        Assert.Equal(new long[] { 2, 4 }, o.Z.shape);
    }

    [Fact]
    public void StateDictKeysNameEncoderHeadAndDecoder()
    {
        using var vae = new GenCourse.Vae.Vae(VaeOptions.Iwae with { Likelihood = DecoderLikelihood.Gaussian });
        string[] keys = vae.named_parameters().Select(p => p.name).ToArray();
        Assert.Contains("encoder.head.mu.weight", keys);
        Assert.Contains("encoder.head.logvar.bias", keys);
        Assert.Contains("encoder.body.1.weight", keys);      // Flatten is 0, the first Linear 1
        Assert.Contains("decoder.body.0.weight", keys);
        Assert.Contains("decoder_logvar", keys);
    }

    [Fact]
    public void ReparameterizationGradientsMatchTheAnalyticValues()
    {
        // z = μ + exp(½ log σ²)·ε and L = Σ z²:  ∂L/∂μ = 2z,  ∂L/∂log σ² = 2z · ½σε = zσε.
        using var scope = torch.NewDisposeScope();
        double[] muV = { 0.5, -1.0, 2.0 }, logVarV = { 0.0, -1.0, 0.7 }, epsV = { 1.3, -0.4, 0.25 };
        Tensor mu = torch.tensor(muV, new long[] { 1, 3 }, ScalarType.Float64, requires_grad: true);
        Tensor logVar = torch.tensor(logVarV, new long[] { 1, 3 }, ScalarType.Float64, requires_grad: true);
        Tensor eps = torch.tensor(epsV, new long[] { 1, 3 }, ScalarType.Float64);
        Tensor z = GenCourse.Vae.Vae.Reparameterize(mu, logVar, eps);
        z.square().sum().backward();
        double[] zV = muV.Select((m, i) => m + Math.Exp(0.5 * logVarV[i]) * epsV[i]).ToArray();
        VaeAssert.Close(zV, z.ToArray<double>(), 1e-12);
        VaeAssert.Close(zV.Select(v => 2 * v).ToArray(), mu.grad!.ToArray<double>(), 1e-12);
        VaeAssert.Close(zV.Select((v, i) => v * Math.Exp(0.5 * logVarV[i]) * epsV[i]).ToArray(), logVar.grad!.ToArray<double>(), 1e-12);
    }

    [Fact]
    public void SamplingDirectlyGivesNoGradientButTheTrickDoes()
    {
        // A sample drawn by a random number generator is not a function autograd can differentiate.
        using var scope = torch.NewDisposeScope();
        Tensor mu = torch.zeros(new long[] { 1, 2 }, requires_grad: true);
        Tensor drawn = torch.randn(1, 2) + mu.detach();   // "z ~ N(μ, 1)" by drawing
        Assert.False(drawn.requires_grad);
        Tensor z = GenCourse.Vae.Vae.Reparameterize(mu, torch.zeros(1, 2), torch.ones(1, 2));
        Assert.True(z.requires_grad);
    }

    [Fact]
    public void ExtremeLogVariancesAreClampedSoTheLossStaysFinite()
    {
        using var vae = VaeAssert.TinyVae();
        using var scope = torch.NewDisposeScope();
        Tensor x = torch.rand(8, 1, 4, 4).round();
        foreach (double bias in new[] { 1e4, -1e4 })
        {
            using (torch.no_grad())
                foreach ((string name, Tensor p) in vae.named_parameters())
                    if (name.StartsWith("encoder.head.logvar", StringComparison.Ordinal))
                        p.fill_(name.EndsWith("bias", StringComparison.Ordinal) ? bias : 0);
            VaeOutput o = vae.call(x);
            Assert.Equal(bias > 0 ? 20f : -30f, o.LogVar.max().ToSingle());
            using ElboTerms terms = Elbo.Compute(vae, o, x);
            Assert.True(double.IsFinite(terms.Loss.ToDouble()), $"log σ² bias {bias}: loss {terms.Loss.ToDouble()}");
            terms.Loss.backward();
            Assert.All(vae.parameters(), p => Assert.True(p.grad is null || p.grad.isfinite().all().ToBoolean()));
            vae.zero_grad();
        }
    }

    [Fact]
    public void WithoutATightClampAHugeLogVarianceOverflows()
    {
        // The contrapositive of the clamp test: let log σ² reach 1e4 and σ = exp(5000) is ∞.
        using var vae = new GenCourse.Vae.Vae(new VaeOptions { ImageShape = [1, 4, 4], HiddenSizes = [16], LatentDim = 3, LogVarMax = 1e5 });
        using var scope = torch.NewDisposeScope();
        using (torch.no_grad())
            foreach ((string name, Tensor p) in vae.named_parameters())
                if (name.StartsWith("encoder.head.logvar", StringComparison.Ordinal)) p.fill_(name.EndsWith("bias", StringComparison.Ordinal) ? 1e4 : 0);
        Tensor x = torch.rand(8, 1, 4, 4).round();
        using ElboTerms terms = Elbo.Compute(vae, vae.call(x), x);
        Assert.False(double.IsFinite(terms.Loss.ToDouble()));
    }

    [Fact]
    public void SamplesAreImagesInTheUnitIntervalAndReproducibleFromASeed()
    {
        using var vae = VaeAssert.TinyVae(DecoderLikelihood.Gaussian);
        using var scope = torch.NewDisposeScope();
        using var g1 = new Generator(42);
        using var g2 = new Generator(42);
        Tensor a = vae.Sample(6, g1), b = vae.Sample(6, g2);
        Assert.Equal(new long[] { 6, 1, 4, 4 }, a.shape);
        Assert.False(a.requires_grad);
        Assert.True(a.min().ToSingle() >= 0 && a.max().ToSingle() <= 1);
        Assert.Equal(a.ToArray<float>(), b.ToArray<float>());
    }

    [Fact]
    public void GaussianDecoderUsesTheFixedVarianceWhenGiven()
    {
        using var vae = new GenCourse.Vae.Vae(new VaeOptions { ImageShape = [1, 4, 4], HiddenSizes = [8], LatentDim = 2, Likelihood = DecoderLikelihood.Gaussian, DecoderLogVar = -2 });
        using var scope = torch.NewDisposeScope();
        Assert.DoesNotContain(vae.named_parameters(), p => p.name == "decoder_logvar");
        Assert.Equal(-2f, vae.DecoderLogVar().ToSingle());
        // log p(x | z) at x = recon: −½·16·(log 2π − 2)
        Tensor recon = torch.rand(1, 1, 4, 4);
        VaeAssert.Close(-8 * (Math.Log(2 * Math.PI) - 2), vae.ReconstructionLogLikelihood(recon, recon).ToDouble(), 1e-6);
    }

    [Fact]
    public void WrongImageShapeIsAClearError()
    {
        using var vae = VaeAssert.TinyVae();
        using var scope = torch.NewDisposeScope();
        var e = Assert.Throws<ArgumentException>(() => vae.call(torch.zeros(2, 1, 28, 28)));
        Assert.Contains("[B, 1, 4, 4]", e.Message);
    }
}
