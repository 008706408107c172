namespace GenCourse.Torch.Tests;

/// <summary>In-place operations write into the tensor itself and return it.</summary>
public class TensorInPlaceTests
{
    private static Tensor V(params double[] v) => torch.tensor(v);

    [Fact]
    public void ArithmeticInPlace()
    {
        using var scope = torch.NewDisposeScope();
        Tensor x = V(1, 2, 3);
        Assert.Same(x, x.add_(V(10, 20, 30), alpha: 0.5));       // x + ½y
        Approx.Equal(new double[] { 6, 12, 18 }, x, 1e-12);
        x.add_(1).sub_(V(1, 1, 1), alpha: 2).mul_(V(1, 0.5, 2)).div_(2);
        // ((x + 1 − 2)·[1, ½, 2])/2
        Approx.Equal(new double[] { 2.5, 2.75, 17 }, x, 1e-12);
        x.mul_(2).div_(V(5, 5.5, 34));
        Approx.Equal(new double[] { 1, 1, 1 }, x, 1e-12);
    }

    [Fact]
    public void FusedOptimizerOps()
    {
        using var scope = torch.NewDisposeScope();
        Tensor x = V(1, 1), a = V(2, 3), b = V(4, 6);
        x.addcmul_(a, b, value: 0.5);                             // x + ½·a·b = [5, 10]
        Approx.Equal(new double[] { 5, 10 }, x, 1e-12);
        x.addcdiv_(b, a, value: -1);                              // x − b/a = [3, 8]
        Approx.Equal(new double[] { 3, 8 }, x, 1e-12);
        x.lerp_(V(7, 0), 0.25);                                   // x + ¼(end − x) = [4, 6]
        Approx.Equal(new double[] { 4, 6 }, x, 1e-12);
        x.sqrt_();
        Approx.Equal(new[] { 2, Math.Sqrt(6) }, x, 1e-12);
        x.clamp_(max: 2.2);
        Approx.Equal(new[] { 2, 2.2 }, x, 1e-12);
        x.clamp_(min: 2.1);
        Approx.Equal(new[] { 2.1, 2.2 }, x, 1e-12);
    }

    [Fact]
    public void FillZeroAndCopy()
    {
        using var scope = torch.NewDisposeScope();
        Tensor x = torch.zeros(2, 3);
        x.fill_(1.5);
        Approx.Equal(Enumerable.Repeat(1.5, 6).ToArray(), x);
        x.zero_();
        Approx.Equal(new double[6], x);
        // copy_ broadcasts and converts: a float64 row into every row of a float32 matrix.
        x.copy_(V(1, 2, 3));
        Assert.Equal(ScalarType.Float32, x.dtype);
        Approx.Equal(new double[] { 1, 2, 3, 1, 2, 3 }, x);
    }

    [Fact]
    public void RandomFillsFollowTheirDistributions()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(11);
        double[] u = torch.empty(new long[] { 50_000 }).uniform_(-2, 4, g).ToArray<double>();
        Assert.All(u, v => Assert.InRange(v, -2, 4));
        Assert.InRange(u.Average(), 0.97, 1.03);                  // (−2 + 4)/2, s.e. ≈ 0.008
        double[] n = torch.empty(new long[] { 50_000 }).normal_(3, 0.5, g).ToArray<double>();
        double mean = n.Average();
        Assert.InRange(mean, 2.99, 3.01);                         // s.e. ≈ 0.0022
        Assert.InRange(Math.Sqrt(n.Average(v => (v - mean) * (v - mean))), 0.49, 0.51);
        double[] b = torch.empty(new long[] { 50_000 }).bernoulli_(0.3, g).ToArray<double>();
        Assert.All(b, v => Assert.True(v == 0 || v == 1));
        Assert.InRange(b.Average(), 0.29, 0.31);                  // s.e. ≈ 0.002
        double[] p = torch.bernoulli(torch.full(new long[] { 50_000 }, 0.8), g).ToArray<double>();
        Assert.InRange(p.Average(), 0.79, 0.81);
        // The same seed gives the same fill.
        using var g1 = new Generator(5);
        using var g2 = new Generator(5);
        Assert.Equal(torch.empty(new long[] { 8 }).normal_(0, 1, g1).ToArray<float>(), torch.empty(new long[] { 8 }).normal_(0, 1, g2).ToArray<float>());
    }
}
