namespace GenCourse.Torch.Tests;

public class TorchCreationTests
{
    [Fact]
    public void ZerosOnesAndFullHaveTheirShapeDtypeAndValue()
    {
        using var z = torch.zeros(2, 3);
        Approx.Equal(new long[] { 2, 3 }, new double[6], z);
        Assert.Equal(ScalarType.Float32, z.dtype);

        using var o = torch.ones(new long[] { 4 }, dtype: torch.float64);
        Approx.Equal(new long[] { 4 }, new[] { 1.0, 1, 1, 1 }, o);
        Assert.Equal(ScalarType.Float64, o.dtype);

        using var f = torch.full(new long[] { 2, 2 }, 7.5);
        Approx.Equal(new long[] { 2, 2 }, new[] { 7.5, 7.5, 7.5, 7.5 }, f);
        Assert.Equal(ScalarType.Float32, f.dtype);

        using var fi = torch.full(new long[] { 3 }, 3, dtype: torch.int64);
        Assert.Equal(new long[] { 3, 3, 3 }, fi.ToArray<long>());
    }

    [Fact]
    public void ZerosWithDtypeAndRequiresGrad()
    {
        using var z = torch.zeros(new long[] { 2 }, dtype: torch.int32);
        Assert.Equal(ScalarType.Int32, z.dtype);
        using var g = torch.ones(new long[] { 2 }, requires_grad: true);
        Assert.True(g.requires_grad);
        Assert.True(g.is_leaf);
    }

    [Fact]
    public void EmptyHasTheRequestedShapeAndDtype()
    {
        using var e = torch.empty(new long[] { 3, 0, 2 });
        Assert.Equal(new long[] { 3, 0, 2 }, e.shape);
        Assert.Equal(0, e.numel());
        using var e2 = torch.empty(new long[] { 5 }, dtype: torch.int64);
        Assert.Equal(ScalarType.Int64, e2.dtype);
        Assert.Equal(5, e2.numel());
    }

    [Fact]
    public void ArangeCountsFromStartBelowEnd()
    {
        using var a = torch.arange(5);
        Assert.Equal(ScalarType.Int64, a.dtype);
        Assert.Equal(new long[] { 0, 1, 2, 3, 4 }, a.ToArray<long>());

        using var b = torch.arange(2, 11, 3);
        Assert.Equal(new long[] { 2, 5, 8 }, b.ToArray<long>());

        // Fractional bounds give the default float type; end is excluded.
        using var c = torch.arange(0.0, 1.0, 0.25);
        Assert.Equal(ScalarType.Float32, c.dtype);
        Approx.Equal(new[] { 0, 0.25, 0.5, 0.75 }, c);

        using var d = torch.arange(3, dtype: torch.float64);
        Assert.Equal(ScalarType.Float64, d.dtype);
        Approx.Equal(new[] { 0.0, 1, 2 }, d);
    }

    [Fact]
    public void LinspaceIncludesBothEnds()
    {
        // start + k·(end − start)/(steps − 1)
        using var a = torch.linspace(0, 1, 5);
        Approx.Equal(new[] { 0, 0.25, 0.5, 0.75, 1 }, a);
        using var b = torch.linspace(-1, 2, 4, dtype: torch.float64);
        Assert.Equal(ScalarType.Float64, b.dtype);
        Approx.Equal(new[] { -1.0, 0, 1, 2 }, b);
        using var one = torch.linspace(3, 9, 1);
        Approx.Equal(new[] { 3.0 }, one);
    }

    [Fact]
    public void EyeIsTheIdentity()
    {
        using var i3 = torch.eye(3);
        Approx.Equal(new long[] { 3, 3 }, new double[] { 1, 0, 0, 0, 1, 0, 0, 0, 1 }, i3);
        using var i23 = torch.eye(2, 3, dtype: torch.int64);
        Assert.Equal(new long[] { 2, 3 }, i23.shape);
        Assert.Equal(new long[] { 1, 0, 0, 0, 1, 0 }, i23.ToArray<long>());
    }

    [Fact]
    public void RandnHasZeroMeanAndUnitVariance()
    {
        using var g = new Generator(123);
        using var x = torch.randn(new long[] { 200_000 }, generator: g);
        Assert.Equal(ScalarType.Float32, x.dtype);
        double[] v = x.ToArray<double>();
        double mean = v.Average();
        double var = v.Select(a => (a - mean) * (a - mean)).Sum() / (v.Length - 1);
        // Standard errors: mean 1/√n ≈ 0.0022, variance √(2/n) ≈ 0.0032; bounds are ~7σ.
        Assert.InRange(mean, -0.015, 0.015);
        Assert.InRange(var, 0.98, 1.02);
        // About 68.3% of a standard normal lies within one standard deviation.
        double within = v.Count(a => Math.Abs(a) < 1) / (double)v.Length;
        Assert.InRange(within, 0.6827 - 0.01, 0.6827 + 0.01);
    }

    [Fact]
    public void RandIsUniformOnZeroOne()
    {
        using var g = new Generator(7);
        using var x = torch.rand(new long[] { 200_000 }, dtype: torch.float64, generator: g);
        double[] v = x.ToArray<double>();
        Assert.All(v, a => Assert.InRange(a, 0.0, 1.0 - 1e-300));
        double mean = v.Average();
        double var = v.Select(a => (a - mean) * (a - mean)).Average();
        // U(0,1): mean 1/2 (s.e. 0.00065), variance 1/12.
        Assert.InRange(mean, 0.495, 0.505);
        Assert.InRange(var, 1.0 / 12 - 0.002, 1.0 / 12 + 0.002);
    }

    [Fact]
    public void RandintStaysInItsHalfOpenRange()
    {
        using var g = new Generator(3);
        using var x = torch.randint(3, 7, new long[] { 4000 }, generator: g);
        Assert.Equal(ScalarType.Int64, x.dtype);
        long[] v = x.ToArray<long>();
        Assert.All(v, a => Assert.InRange(a, 3L, 6L));
        // Each of the 4 values has probability 1/4 (expected 1000, s.d. ≈ 27).
        foreach (long k in new long[] { 3, 4, 5, 6 })
            Assert.InRange(v.Count(a => a == k), 850, 1150);
    }

    [Fact]
    public void RandnLikeCopiesShapeAndDtype()
    {
        using var t = torch.zeros(new long[] { 2, 3 }, dtype: torch.float64);
        using var r = torch.randn_like(t);
        Assert.Equal(new long[] { 2, 3 }, r.shape);
        Assert.Equal(ScalarType.Float64, r.dtype);
        Assert.Contains(r.ToArray<double>(), v => v != 0);
        using var zl = torch.zeros_like(r);
        using var ol = torch.ones_like(r);
        Approx.Equal(new double[6], zl);
        Approx.Equal(Enumerable.Repeat(1.0, 6).ToArray(), ol);
    }

    [Fact]
    public void TensorFromArraysKeepsShapeValuesAndElementType()
    {
        using var a = torch.tensor(new float[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        Approx.Equal(new long[] { 2, 3 }, new double[] { 1, 2, 3, 4, 5, 6 }, a);
        Assert.Equal(ScalarType.Float32, a.dtype);

        using var d = torch.tensor(new double[] { 0.1, 0.2 });
        Assert.Equal(ScalarType.Float64, d.dtype);
        Assert.Equal(new[] { 0.1, 0.2 }, d.ToArray<double>());

        using var l = torch.tensor(new long[] { long.MaxValue, -3 });
        Assert.Equal(ScalarType.Int64, l.dtype);
        Assert.Equal(new[] { long.MaxValue, -3 }, l.ToArray<long>());

        using var b = torch.tensor(new[] { true, false, true });
        Assert.Equal(ScalarType.Bool, b.dtype);
        Assert.Equal(new[] { true, false, true }, b.ToArray<bool>());

        var bytes = new byte[2, 1, 2] { { { 1, 255 } }, { { 0, 7 } } };
        using var u = torch.tensor(bytes);
        Assert.Equal(ScalarType.UInt8, u.dtype);
        Assert.Equal(new long[] { 2, 1, 2 }, u.shape);
        Assert.Equal(new byte[] { 1, 255, 0, 7 }, u.ToArray<byte>());
    }

    [Fact]
    public void TensorConvertsToTheRequestedDtype()
    {
        using var t = torch.tensor(new[] { 1, 2, 3 }, dtype: torch.float32);
        Assert.Equal(ScalarType.Float32, t.dtype);
        Approx.Equal(new[] { 1.0, 2, 3 }, t);
    }

    [Fact]
    public void ScalarTensorIsZeroDimensional()
    {
        using var s = torch.tensor(2.5);
        Assert.Empty(s.shape);
        Assert.Equal(0, s.dim());
        Assert.Equal(ScalarType.Float32, s.dtype);
        Assert.Equal(2.5f, s.item<float>());

        using var s64 = torch.tensor(0.1, dtype: torch.float64, requires_grad: true);
        Assert.Equal(0.1, s64.item<double>());
        Assert.True(s64.requires_grad);
    }

    [Fact]
    public void TensorWithShapeReshapesFlatData()
    {
        using var t = torch.tensor(new float[] { 1, 2, 3, 4, 5, 6 }, new long[] { 3, 2 });
        Approx.Equal(new long[] { 3, 2 }, new double[] { 1, 2, 3, 4, 5, 6 }, t);
    }

    [Fact]
    public void DtypeConstantsMatchScalarTypes()
    {
        Assert.Equal(ScalarType.Float32, torch.float32);
        Assert.Equal(ScalarType.Float32, torch.@float);
        Assert.Equal(ScalarType.Float64, torch.@double);
        Assert.Equal(ScalarType.Int64, torch.@long);
        Assert.Equal(4, torch.float32.ElementSize());
        Assert.Equal(2, torch.bfloat16.ElementSize());
        Assert.Equal("float64", torch.float64.TorchName());
        Assert.True(torch.float16.IsFloatingPoint());
        Assert.False(torch.int64.IsFloatingPoint());
        using var h = torch.ones(new long[] { 2 }, dtype: torch.float16);
        Assert.Equal(ScalarType.Float16, h.dtype);
        Assert.Equal(new[] { (Half)1, (Half)1 }, h.ToArray<Half>());
    }
}
