using static GenCourse.Torch.Tests.Nn.NnTestUtil;

namespace GenCourse.Torch.Tests.Nn;

/// <summary>The parameter-free activation layers against their formulas (one class for the seven small types).</summary>
public class NnActivationTests
{
    private static readonly double[] Points = { -2, -0.5, 0, 1, 3 };

    private static void Check(nn.Module<Tensor, Tensor> layer, Func<double, double> f)
    {
        using Tensor x = torch.tensor(Points);
        using Tensor y = layer.call(x);
        Close(Points.Select(f).ToArray(), y, 1e-12);
    }

    /// <summary>Φ(x) = ½ + (1/√(2π))∫₀ˣ e^(−t²/2) dt by Simpson's rule (1000 panels; error ≪ 1e-12).</summary>
    private static double Phi(double x)
    {
        int n = 1000;
        double h = x / n, s = 0;
        for (int k = 0; k <= n; ++k)
        {
            double t = k * h, w = k == 0 || k == n ? 1 : k % 2 == 1 ? 4 : 2;
            s += w * Math.Exp(-t * t / 2);
        }
        return 0.5 + s * h / 3 / Math.Sqrt(2 * Math.PI);
    }

    [Fact] public void ReLU() => Check(nn.ReLU(), x => Math.Max(0, x));
    [Fact] public void LeakyReLU() => Check(nn.LeakyReLU(0.2), x => x >= 0 ? x : 0.2 * x);
    [Fact] public void Sigmoid() => Check(nn.Sigmoid(), x => 1 / (1 + Math.Exp(-x)));
    [Fact] public void Tanh() => Check(nn.Tanh(), Math.Tanh);
    [Fact] public void SiLU() => Check(nn.SiLU(), x => x / (1 + Math.Exp(-x)));
    [Fact] public void GELU() => Check(nn.GELU(), x => x * Phi(x));

    [Fact]
    public void GELUTanhApproximation() =>
        Check(nn.GELU("tanh"), x => 0.5 * x * (1 + Math.Tanh(Math.Sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x))));

    [Fact]
    public void IdentityReturnsTheValuesAsANewHandle()
    {
        using var id = nn.Identity();
        using Tensor x = torch.tensor(Points);
        Tensor y = id.call(x);
        Assert.NotSame(x, y);
        y.Dispose();
        Assert.False(x.IsDisposed);                     // disposing the result leaves the input alive
        Assert.Equal(Points, x.ToArray<double>());
    }

    [Fact]
    public void GELURejectsUnknownApproximation() => Assert.Throws<ArgumentException>(() => nn.GELU("erf"));
}
