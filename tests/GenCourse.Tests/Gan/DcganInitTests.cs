using TorchSharp.Modules;
using GenCourse.Gan;

namespace GenCourse.Tests.Gan;

public class DcganInitTests
{
    /// <summary>Mean and (unbiased) standard deviation of a tensor's elements.</summary>
    private static (double Mean, double Std, long N) Moments(Tensor t)
    {
        double[] v = t.ToArray<float>().Select(x => (double)x).ToArray();
        double m = v.Average();
        return (m, Math.Sqrt(v.Sum(x => (x - m) * (x - m)) / (v.Length - 1)), v.Length);
    }

    [Fact]
    public void WeightsHaveThePapersMeanAndStandardDeviation()
    {
        // For n draws from N(μ, σ²) the sample mean has standard error σ/√n and the sample standard
        // deviation σ/√(2n); five standard errors fail by chance with probability < 1e-6. The smallest
        // tensor, D's first conv (n = 1,024), allows |s − 0.02| ≤ 0.0022; PyTorch's default init there,
        // U(±1/√16), has s = 0.144, and for G's first layer U(±1/√12544) has s = 0.0052, far outside.
        torch.manual_seed(11);
        using var g = DcganInit.Apply(new DcganGenerator());
        using var d = DcganInit.Apply(new DcganDiscriminator());
        var convs = g.modules().OfType<ConvTranspose2d>().Select(c => c.weight)
            .Concat(d.modules().OfType<Conv2d>().Select(c => c.weight)).ToList();
        Assert.Equal(6, convs.Count);
        foreach (Tensor w in convs)
        {
            (double mean, double std, long n) = Moments(w);
            Assert.True(Math.Abs(mean) <= 5 * 0.02 / Math.Sqrt(n), $"conv weight mean {mean} (n = {n})");
            Assert.True(Math.Abs(std - 0.02) <= 5 * 0.02 / Math.Sqrt(2 * n), $"conv weight std {std} (n = {n})");
        }
        var norms = g.modules().Concat(d.modules()).OfType<BatchNorm>().ToList();
        Assert.Equal(3, norms.Count);
        foreach (BatchNorm bn in norms)
        {
            (double mean, double std, long n) = Moments(bn.weight!);
            Assert.True(Math.Abs(mean - 1) <= 5 * 0.02 / Math.Sqrt(n), $"BN γ mean {mean} (n = {n})");
            Assert.True(Math.Abs(std - 0.02) <= 5 * 0.02 / Math.Sqrt(2 * n), $"BN γ std {std} (n = {n})");
            Assert.All(bn.bias!.ToArray<float>(), b => Assert.Equal(0f, b));
        }
    }

    [Fact]
    public void DrawsComeInPyTorchsApplyOrder()
    {
        // model.apply visits the leaves of G's Sequential in order: W₀ ~ N(0, ·), γ₁ ~ N(1, ·),
        // W₃, γ₄, W₆. Replaying those five draws from the same seed gives the same numbers exactly.
        var options = new DcganOptions { Features = 4, LatentDim = 8 };
        using var g = new DcganGenerator(options);
        using (var rng = new Generator(21)) DcganInit.Apply(g, rng);
        var p = g.state_dict();
        using var replay = new Generator(21);
        foreach ((string key, double mean) in new[] { ("net.0.weight", 0.0), ("net.1.weight", 1.0), ("net.3.weight", 0.0), ("net.4.weight", 1.0), ("net.6.weight", 0.0) })
        {
            using Tensor expected = torch.empty(p[key].shape).normal_(mean, 0.02, replay);
            Assert.Equal(expected.ToArray<float>(), p[key].ToArray<float>());
        }
    }

    [Fact]
    public void OnlyConvolutionAndBatchNormWeightsChange()
    {
        // A bias on a convolution and a Linear layer keep their values; a BN without γ, β is skipped.
        torch.manual_seed(5);
        using var model = nn.Sequential(nn.Conv2d(1, 2, 3), nn.Linear(4, 4), nn.BatchNorm2d(2, affine: false));
        var conv = (Conv2d)model[0];
        var linear = (Linear)model[1];
        float[] bias = conv.bias!.ToArray<float>(), lw = linear.weight.ToArray<float>();
        float[] w = conv.weight.ToArray<float>();
        DcganInit.Apply(model);
        Assert.Equal(bias, conv.bias!.ToArray<float>());
        Assert.Equal(lw, linear.weight.ToArray<float>());
        Assert.NotEqual(w, conv.weight.ToArray<float>());
    }
}
