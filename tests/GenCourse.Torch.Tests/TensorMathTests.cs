namespace GenCourse.Torch.Tests;

public class TensorMathTests
{
    private static readonly double[] X = { -2.5, -1, -0.3, 0, 0.4, 1, 2.2 };
    private static readonly double[] Positive = { 0.05, 0.5, 1, 2.5, 10 };

    /// <summary>Applies <paramref name="op"/> to a float32 tensor of <paramref name="xs"/> and compares with f.</summary>
    private static void Check(double[] xs, Func<Tensor, Tensor> op, Func<double, double> f, double tol = Approx.Float)
    {
        using var scope = torch.NewDisposeScope();
        double[] input = Reference.AsFloat(xs);
        Tensor t = torch.tensor(Reference.ToFloat(xs));
        Tensor y = op(t);
        Assert.Equal(t.shape, y.shape);
        Approx.Equal(input.Select(f).ToArray(), y, tol);
    }

    [Fact] public void Exp() => Check(X, t => t.exp(), Math.Exp);
    [Fact] public void Log() => Check(Positive, t => t.log(), Math.Log);
    [Fact] public void Sqrt() => Check(Positive, t => t.sqrt(), Math.Sqrt);
    [Fact] public void Rsqrt() => Check(Positive, t => t.rsqrt(), x => 1 / Math.Sqrt(x));
    [Fact] public void Abs() => Check(X, t => t.abs(), Math.Abs);
    [Fact] public void Sign() => Check(X, t => t.sign(), x => Math.Sign(x));
    [Fact] public void Sin() => Check(X, t => t.sin(), Math.Sin);
    [Fact] public void Cos() => Check(X, t => t.cos(), Math.Cos);
    [Fact] public void Square() => Check(X, t => t.square(), x => x * x);
    [Fact] public void Floor() => Check(X, t => t.floor(), Math.Floor);
    [Fact] public void Erf() => Check(X, t => t.erf(), Reference.Erf);
    [Fact] public void StaticForms() => Check(Positive, t => torch.sqrt(torch.log(torch.exp(torch.abs(t)))), Math.Sqrt);

    [Fact]
    public void Log1pIsAccurateNearZero()
    {
        Check(Positive, t => t.log1p(), x => Math.Log(1 + x));
        // log(1 + 1e-8) in float32 is log(1) = 0; log1p keeps x − x²/2.
        using var tiny = torch.tensor(new[] { 1e-8 }, dtype: torch.float32);
        using var y = tiny.log1p();
        using var naive = (tiny + 1).log();
        Assert.Equal(0f, naive.item<float>());
        Assert.True(Math.Abs(y.item<float>() - 1e-8) < 1e-13, $"log1p(1e-8) = {y.item<float>():R}");
    }

    [Fact]
    public void PowWithScalarAndTensorExponents()
    {
        Check(X, t => t.pow(2), x => x * x);
        Check(X, t => t.pow(3), x => x * x * x);
        Check(Positive, t => t.pow(0.5), Math.Sqrt);
        Check(Positive, t => t.pow(-1.5), x => Math.Pow(x, -1.5));
        using var scope = torch.NewDisposeScope();
        Tensor b = torch.tensor(new float[] { 2, 3, 0.5f });
        Tensor e = torch.tensor(new float[] { 3, -1, 2 });
        Approx.Equal(new[] { 8, 1.0 / 3, 0.25 }, b.pow(e));
    }

    [Fact]
    public void ClampLimitsToTheGivenBounds()
    {
        Check(X, t => t.clamp(-1, 1), x => Math.Clamp(x, -1, 1));
        Check(X, t => t.clamp(min: 0), x => Math.Max(x, 0));
        Check(X, t => t.clamp(max: 0.2), x => Math.Min(x, 0.2));
        Check(X, t => torch.clamp(t, -0.5, 0.5), x => Math.Clamp(x, -0.5, 0.5));
        using var scope = torch.NewDisposeScope();
        Tensor x = torch.tensor(new float[] { -3, 0, 3 });
        Tensor lo = torch.tensor(new float[] { -1, 1, 1 });
        Tensor hi = torch.tensor(new float[] { 2, 2, 2 });
        Approx.Equal(new double[] { -1, 1, 2 }, x.clamp(lo, hi));
    }

    [Fact]
    public void ElementwiseBinaryHelpers()
    {
        using var scope = torch.NewDisposeScope();
        Tensor a = torch.tensor(new float[] { 1, 5, -2 });
        Tensor b = torch.tensor(new float[] { 3, 4, -7 });
        Approx.Equal(new double[] { 3, 5, -2 }, a.maximum(b));
        Approx.Equal(new double[] { 1, 4, -7 }, torch.minimum(a, b));
        // lerp: a + w·(b − a)
        Approx.Equal(new[] { 1 + 0.25 * 2, 5 + 0.25 * -1, -2 + 0.25 * -5 }, a.lerp(b, 0.25));
        Tensor r = torch.tensor(new float[] { 0.4f, 0.6f, -1.5f, 2.5f });
        // Round half to even, as PyTorch (and IEEE) do.
        Approx.Equal(new double[] { 0, 1, -2, 2 }, r.round());
        Tensor odd = torch.tensor(new[] { 0.0, double.NaN, double.PositiveInfinity, -1 });
        Assert.Equal(new[] { false, true, false, false }, odd.isnan().ToArray<bool>());
        Assert.Equal(new[] { true, false, false, true }, odd.isfinite().ToArray<bool>());
    }

    // ---- activations ------------------------------------------------------------------

    [Fact] public void Relu() => Check(X, t => t.relu(), x => Math.Max(x, 0));
    [Fact] public void LeakyRelu() => Check(X, t => nn.functional.leaky_relu(t, 0.1), x => x >= 0 ? x : 0.1 * x);
    [Fact] public void LeakyReluDefaultSlope() => Check(X, t => t.leaky_relu(), x => x >= 0 ? x : 0.01 * x);
    [Fact] public void Sigmoid() => Check(X, t => t.sigmoid(), Reference.Sigmoid);
    [Fact] public void Tanh() => Check(X, t => torch.tanh(t), Math.Tanh);
    [Fact] public void Silu() => Check(X, t => t.silu(), x => x * Reference.Sigmoid(x));

    // GELU(x) = x·Φ(x) = ½x(1 + erf(x/√2))
    [Fact] public void GeluExact() => Check(X, t => nn.functional.gelu(t), x => 0.5 * x * (1 + Reference.Erf(x / Math.Sqrt(2))));

    // tanh approximation: ½x(1 + tanh(√(2/π)(x + 0.044715x³)))
    [Fact]
    public void GeluTanh() => Check(X, t => t.gelu("tanh"),
        x => 0.5 * x * (1 + Math.Tanh(Math.Sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x))));

    [Fact]
    public void Softplus()
    {
        Check(X, t => t.softplus(), x => Math.Log(1 + Math.Exp(x)));
        // (1/β)·log(1 + exp(βx)) with β = 2
        Check(X, t => nn.functional.softplus(t, beta: 2), x => 0.5 * Math.Log(1 + Math.Exp(2 * x)));
        // Above threshold/β it is the identity: at x = 2.2, β = 2, threshold 4: βx = 4.4 > 4 → 2.2 exactly
        // (log(1 + e^4.4)/2 = 2.2061 would differ by 6e-3).
        Check(new[] { 2.2 }, t => t.softplus(2, 4), x => x);
    }

    private static double[] SoftmaxRows(double[,] x, bool log)
    {
        int n = x.GetLength(0), m = x.GetLength(1);
        var r = new double[n * m];
        for (int i = 0; i < n; ++i)
        {
            double z = 0;
            for (int j = 0; j < m; ++j) z += Math.Exp(x[i, j]);
            for (int j = 0; j < m; ++j) r[i * m + j] = log ? x[i, j] - Math.Log(z) : Math.Exp(x[i, j]) / z;
        }
        return r;
    }

    [Fact]
    public void SoftmaxAndLogSoftmaxAlongADimension()
    {
        var x = new double[,] { { 1, 2, 3 }, { -1, 0, 0.5 } };
        using var scope = torch.NewDisposeScope();
        Tensor t = torch.tensor(x, dtype: torch.float32);
        Approx.Equal(SoftmaxRows(x, log: false), t.softmax(1));
        Approx.Equal(SoftmaxRows(x, log: false), nn.functional.softmax(t, -1));
        Approx.Equal(SoftmaxRows(x, log: true), t.log_softmax(1));
        Approx.Equal(SoftmaxRows(x, log: true), nn.functional.log_softmax(t, 1));
        // Along dim 0 = along rows of the transpose, transposed back.
        var xt = new double[3, 2];
        for (int i = 0; i < 2; ++i) for (int j = 0; j < 3; ++j) xt[j, i] = x[i, j];
        double[] colsT = SoftmaxRows(xt, log: false);
        var cols = new double[6];
        for (int i = 0; i < 2; ++i) for (int j = 0; j < 3; ++j) cols[i * 3 + j] = colsT[j * 2 + i];
        Approx.Equal(cols, t.softmax(0));
        // The dtype argument computes in float64.
        Tensor d = t.softmax(1, torch.float64);
        Assert.Equal(ScalarType.Float64, d.dtype);
    }

    [Fact]
    public void SoftmaxIsStableForLargeLogits()
    {
        // softmax([1000, 1001]) = [1/(1+e), e/(1+e)]: naive exp overflows to inf/inf.
        using var scope = torch.NewDisposeScope();
        Tensor t = torch.tensor(new float[] { 1000, 1001 });
        double e = Math.E;
        Approx.Equal(new[] { 1 / (1 + e), e / (1 + e) }, t.softmax(0));
        Approx.Equal(new[] { -Math.Log(1 + e), 1 - Math.Log(1 + e) }, t.log_softmax(0), 1e-4);
    }
}
