using GenCourse.Torch.Modules;
using static GenCourse.Torch.Tests.Nn.NnTestUtil;

namespace GenCourse.Torch.Tests.Nn;

public class NnConv2dTests
{
    /// <summary>Direct cross-correlation with zero padding, as the definition reads (one sample).</summary>
    private static double[,,] Reference(double[,,] x, double[,,,] w, double[] b, int stride, int pad)
    {
        int cin = x.GetLength(0), h = x.GetLength(1), wd = x.GetLength(2);
        int cout = w.GetLength(0), k = w.GetLength(2);
        int ho = (h + 2 * pad - k) / stride + 1, wo = (wd + 2 * pad - k) / stride + 1;
        var y = new double[cout, ho, wo];
        for (int o = 0; o < cout; ++o)
            for (int i = 0; i < ho; ++i)
                for (int j = 0; j < wo; ++j)
                {
                    double s = b[o];
                    for (int c = 0; c < cin; ++c)
                        for (int u = 0; u < k; ++u)
                            for (int v = 0; v < k; ++v)
                            {
                                int r = i * stride + u - pad, q = j * stride + v - pad;
                                if (r >= 0 && r < h && q >= 0 && q < wd) s += w[o, c, u, v] * x[c, r, q];
                            }
                    y[o, i, j] = s;
                }
        return y;
    }

    [Fact]
    public void MatchesTheDefinitionWithStrideAndPadding()
    {
        torch.manual_seed(3);
        using var conv = nn.Conv2d(2, 3, kernel_size: 3, stride: 2, padding: 1).to(ScalarType.Float64);
        using Tensor x = torch.randn(new long[] { 1, 2, 5, 6 }, ScalarType.Float64);
        using Tensor y = conv.call(x);
        Assert.Equal(new long[] { 1, 3, 3, 3 }, y.shape);        // ⌊(5 + 2 − 3)/2⌋ + 1 = 3, ⌊(6 + 2 − 3)/2⌋ + 1 = 3

        double[] xv = x.ToArray<double>(), wv = conv.weight.ToArray<double>(), bv = conv.bias!.ToArray<double>();
        var xa = new double[2, 5, 6];
        Buffer.BlockCopy(xv, 0, xa, 0, xv.Length * sizeof(double));
        var wa = new double[3, 2, 3, 3];
        Buffer.BlockCopy(wv, 0, wa, 0, wv.Length * sizeof(double));
        double[,,] expected = Reference(xa, wa, bv, stride: 2, pad: 1);
        Close(expected.Cast<double>().ToArray(), y, 1e-12);
    }

    [Fact]
    public void DefaultInitUsesFanInOfInputChannelsTimesKernelArea()
    {
        torch.manual_seed(4);
        using var conv = nn.Conv2d(16, 32, kernel_size: 3, groups: 2);
        Assert.Equal(new long[] { 32, 8, 3, 3 }, conv.weight.shape);
        double bound = 1 / Math.Sqrt(8 * 9);                   // fan_in = C_in/groups·k² = 72
        double[] w = conv.weight.ToArray<double>();
        Assert.All(w, v => Assert.InRange(v, -bound, bound));
        Assert.True(w.Max() > 0.98 * bound && w.Min() < -0.98 * bound);
        (_, double variance) = Moments(conv.weight);
        Assert.InRange(variance / (bound * bound / 3), 0.95, 1.05);     // 2304 values: rel. s.e. ≈ 1.9%
        Assert.All(conv.bias!.ToArray<double>(), v => Assert.InRange(v, -bound, bound));
    }

    [Fact]
    public void CircularPaddingCommutesWithCyclicShifts()
    {
        torch.manual_seed(5);
        using var conv = nn.Conv2d(1, 2, kernel_size: 3, padding: 1, padding_mode: "circular");
        using Tensor x = torch.randn(1, 1, 6, 6);
        using Tensor shifted = x.roll(2, 3);
        using Tensor y = conv.call(x);
        using Tensor yShifted = conv.call(shifted);
        using Tensor expected = y.roll(2, 3);
        Close(expected.ToArray<double>(), yShifted, 1e-5);
        // zero padding does not commute: the border columns see zeros
        using var zeros = nn.Conv2d(1, 2, kernel_size: 3, padding: 1);
        using Tensor z1 = zeros.call(shifted);
        using Tensor z0 = zeros.call(x);
        using Tensor z0Shifted = z0.roll(2, 3);
        using Tensor diff = (z1 - z0Shifted).abs().max();
        Assert.True(diff.item<float>() > 1e-3);
    }

    [Fact]
    public void ClearErrorsForWrongChannelsAndGroups()
    {
        using var conv = nn.Conv2d(3, 4, 3);
        using Tensor x = torch.zeros(1, 2, 5, 5);
        Assert.Contains("3 input channels but the input has 2", Assert.Throws<ArgumentException>(() => conv.call(x)).Message);
        Assert.Contains("divisible by groups", Assert.Throws<ArgumentException>(() => nn.Conv2d(3, 4, 3, groups: 2)).Message);
        Assert.Throws<ArgumentException>(() => nn.Conv2d(3, 4, 3, padding_mode: "mirror"));
    }
}
