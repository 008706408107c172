using static GenCourse.Torch.Tests.Nn.NnTestUtil;

namespace GenCourse.Torch.Tests.Nn;

/// <summary>
/// Each initialiser on a large tensor against the distribution it is defined by. Tolerances are
/// about 6 standard errors: for n samples the mean has s.e. σ/√n, and the variance of a normal
/// sample has relative s.e. √(2/n) (of a uniform one, √(0.8/n)).
/// </summary>
public class NnInitTests
{
    [Fact]
    public void GainsAreThoseThatKeepTheVarianceSteady()
    {
        Assert.Equal(1.0, nn.init.calculate_gain("linear"));
        Assert.Equal(1.0, nn.init.calculate_gain("sigmoid"));
        Assert.Equal(Math.Sqrt(2), nn.init.calculate_gain("relu"), 1e-15);
        Assert.Equal(5.0 / 3, nn.init.calculate_gain("tanh"), 1e-15);
        Assert.Equal(Math.Sqrt(2 / 1.04), nn.init.calculate_gain("leaky_relu", 0.2), 1e-15);   // √(2/(1 + 0.2²))
        Assert.Equal(Math.Sqrt(2 / (1 + 1e-4)), nn.init.calculate_gain("leaky_relu"), 1e-15);   // default slope 0.01
        Assert.Throws<ArgumentException>(() => nn.init.calculate_gain("softmax"));
    }

    [Fact]
    public void FansMultiplyChannelsByTheReceptiveField()
    {
        using Tensor w = torch.empty(new long[] { 64, 32, 3, 3 });
        Assert.Equal((32L * 9, 64L * 9), nn.init.calculate_fan_in_and_fan_out(w));
        using Tensor v = torch.empty(new long[] { 5 });
        Assert.Contains("at least 2 dimensions", Assert.Throws<ArgumentException>(() => nn.init.calculate_fan_in_and_fan_out(v)).Message);
    }

    [Fact]
    public void UniformHasTheMeanAndVarianceOfUAB()
    {
        torch.manual_seed(20);
        using Tensor t = nn.init.uniform_(torch.empty(new long[] { 200_000 }, ScalarType.Float64), -1, 3);
        (double mean, double variance) = Moments(t);
        Assert.All(t.ToArray<double>(), v => Assert.InRange(v, -1, 3));
        Assert.Equal(1.0, mean, 0.02);                         // (a + b)/2; s.e. 0.0026
        Assert.InRange(variance / (16.0 / 12), 0.988, 1.012);   // (b − a)²/12; rel. s.e. 0.002
    }

    [Fact]
    public void NormalHasTheRequestedMeanAndStd()
    {
        torch.manual_seed(21);
        using Tensor t = nn.init.normal_(torch.empty(new long[] { 200_000 }, ScalarType.Float64), 2, 0.5);
        (double mean, double variance) = Moments(t);
        Assert.Equal(2.0, mean, 0.007);                         // s.e. 0.0011
        Assert.InRange(variance / 0.25, 0.98, 1.02);            // rel. s.e. 0.0032
    }

    [Fact]
    public void XavierUniformBoundIsGainTimesRootSixOverFanSum()
    {
        torch.manual_seed(22);
        using Tensor w = nn.init.xavier_uniform_(torch.empty(new long[] { 300, 500 }, ScalarType.Float64));
        double bound = Math.Sqrt(6.0 / (500 + 300));
        double[] v = w.ToArray<double>();
        Assert.All(v, x => Assert.InRange(x, -bound, bound));
        Assert.True(v.Max() > 0.999 * bound);
        (_, double variance) = Moments(w);
        Assert.InRange(variance / (2.0 / 800), 0.99, 1.01);     // b²/3 = 2/(fan_in + fan_out); rel. s.e. 0.0016
    }

    [Fact]
    public void XavierNormalStdIsGainTimesRootTwoOverFanSum()
    {
        torch.manual_seed(23);
        using Tensor w = nn.init.xavier_normal_(torch.empty(new long[] { 300, 500 }, ScalarType.Float64), gain: 2);
        (double mean, double variance) = Moments(w);
        Assert.Equal(0, mean, 0.001);
        Assert.InRange(variance / (4 * 2.0 / 800), 0.985, 1.015);   // rel. s.e. 0.0026
    }

    [Fact]
    public void KaimingNormalReluFanInHasStdRootTwoOverRootFanIn()
    {
        torch.manual_seed(24);
        using Tensor w = nn.init.kaiming_normal_(torch.empty(new long[] { 256, 512 }, ScalarType.Float64), nonlinearity: "relu");
        (double mean, double variance) = Moments(w);
        Assert.Equal(0, mean, 0.001);
        Assert.InRange(variance / (2.0 / 512), 0.985, 1.015);       // σ = √2/√512; rel. s.e. 0.0028

        using Tensor w2 = nn.init.kaiming_normal_(torch.empty(new long[] { 256, 512 }, ScalarType.Float64), mode: "fan_out", nonlinearity: "relu");
        (_, double variance2) = Moments(w2);
        Assert.InRange(variance2 / (2.0 / 256), 0.985, 1.015);
    }

    [Fact]
    public void KaimingUniformWithRootFiveIsPyTorchsLinearInit()
    {
        torch.manual_seed(25);
        // gain = √(2/(1 + 5)) = 1/√3, bound = √3·gain/√fan_in = 1/√fan_in with fan_in = 8·3·3 = 72
        using Tensor w = nn.init.kaiming_uniform_(torch.empty(new long[] { 400, 8, 3, 3 }, ScalarType.Float64), a: Math.Sqrt(5));
        double bound = 1 / Math.Sqrt(72);
        double[] v = w.ToArray<double>();
        Assert.All(v, x => Assert.InRange(x, -bound, bound));
        Assert.True(v.Max() > 0.999 * bound);
        (_, double variance) = Moments(w);
        Assert.InRange(variance / (bound * bound / 3), 0.985, 1.015);  // rel. s.e. 0.0019
    }

    [Theory]
    [InlineData(64, 128)]
    [InlineData(128, 64)]
    [InlineData(50, 50)]
    public void OrthogonalGivesOrthonormalRowsOrColumns(int rows, int cols)
    {
        torch.manual_seed(26);
        using Tensor w = nn.init.orthogonal_(torch.empty(new long[] { rows, cols }, ScalarType.Float64), gain: 2);
        // rows ≤ cols: W Wᵀ = gain²·I; rows > cols: Wᵀ W = gain²·I
        using Tensor gram = rows <= cols ? torch.mm(w, w.t()) : torch.mm(w.t(), w);
        using Tensor expected = torch.eye(Math.Min(rows, cols), dtype: ScalarType.Float64) * 4;
        Close(expected.ToArray<double>(), gram, 1e-10);
    }

    [Fact]
    public void OrthogonalFlattensConvolutionWeights()
    {
        torch.manual_seed(27);
        using Tensor w = nn.init.orthogonal_(torch.empty(new long[] { 16, 4, 3, 3 }));
        using Tensor flat = w.reshape(16, 36);
        using Tensor gram = torch.mm(flat, flat.t());             // 16 orthonormal rows of length 36
        using Tensor eye = torch.eye(16);
        Close(eye.ToArray<double>(), gram, 1e-5);
    }

    [Fact]
    public void OrthogonalIsNotAlwaysTheSameMatrix()
    {
        // The column signs are fixed by diag(R), so two draws differ (Haar-distributed, not canonical).
        using Tensor a = nn.init.orthogonal_(torch.empty(new long[] { 4, 4 }, ScalarType.Float64));
        using Tensor b = nn.init.orthogonal_(torch.empty(new long[] { 4, 4 }, ScalarType.Float64));
        Assert.NotEqual(a.ToArray<double>(), b.ToArray<double>());
    }

    [Fact]
    public void ConstantsAndInitialisingParameters()
    {
        using var layer = nn.Linear(3, 2);
        nn.init.zeros_(layer.bias!);
        nn.init.ones_(layer.weight);
        Assert.All(layer.bias!.ToArray<float>(), v => Assert.Equal(0f, v));
        Assert.All(layer.weight.ToArray<float>(), v => Assert.Equal(1f, v));
        nn.init.constant_(layer.weight, 0.25);
        Assert.All(layer.weight.ToArray<float>(), v => Assert.Equal(0.25f, v));
        Assert.True(layer.weight.requires_grad && layer.weight.is_leaf);
    }

    [Fact]
    public void AGeneratorMakesAnInitReproducible()
    {
        using var g1 = new Generator(42);
        using var g2 = new Generator(42);
        using Tensor a = nn.init.kaiming_uniform_(torch.empty(new long[] { 8, 8 }), generator: g1);
        using Tensor b = nn.init.kaiming_uniform_(torch.empty(new long[] { 8, 8 }), generator: g2);
        Assert.Equal(a.ToArray<float>(), b.ToArray<float>());
    }
}
