namespace GenCourse.Torch.Tests;

public class TensorReductionsTests
{
    private static readonly long[] Shape = { 2, 3, 4 };
    private static readonly double[] Data = Reference.AsFloat(Reference.Values(24, scale: 3));

    private static Tensor MakeX() => torch.tensor(Reference.ToFloat(Data), Shape);

    /// <summary>Reduces the [2,3,4] data along <paramref name="dim"/> with f over the 1-d slices.</summary>
    private static double[] Along(int dim, Func<double[], double> f)
    {
        int[] s = { 2, 3, 4 };
        int[] strides = { 12, 4, 1 };
        var result = new List<double>();
        for (int i = 0; i < s[0]; ++i)
        for (int j = 0; j < s[1]; ++j)
        for (int k = 0; k < s[2]; ++k)
        {
            int[] at = { i, j, k };
            if (at[dim] != 0) continue;
            var slice = new double[s[dim]];
            for (int r = 0; r < s[dim]; ++r) slice[r] = Data[i * 12 + j * 4 + k + r * strides[dim]];
            result.Add(f(slice));
        }
        return result.ToArray();
    }

    private static long[] Kept(int dim) { var s = (long[])Shape.Clone(); s[dim] = 1; return s; }
    private static long[] Dropped(int dim) => Shape.Where((_, d) => d != dim).ToArray();

    private static double Mean(double[] v) => v.Average();
    private static double Var(double[] v, bool unbiased) { double m = v.Average(); return v.Sum(x => (x - m) * (x - m)) / (v.Length - (unbiased ? 1 : 0)); }
    private static double Lse(double[] v) => Math.Log(v.Sum(Math.Exp));

    [Theory, InlineData(0), InlineData(1), InlineData(2)]
    public void SumAndMeanAlongEachDim(int dim)
    {
        using var scope = torch.NewDisposeScope();
        Tensor x = MakeX();
        Approx.Equal(Dropped(dim), Along(dim, v => v.Sum()), x.sum(dim));
        Approx.Equal(Kept(dim), Along(dim, v => v.Sum()), x.sum(dim, keepdim: true));
        Approx.Equal(Dropped(dim), Along(dim, Mean), x.mean(dim));
        Approx.Equal(Kept(dim), Along(dim, Mean), x.mean(dim, keepdim: true));
        // A negative dim counts from the end.
        Approx.Equal(Dropped(dim), Along(dim, v => v.Sum()), x.sum(dim - 3));
    }

    [Theory, InlineData(0), InlineData(1), InlineData(2)]
    public void VarStdAndLogsumexpAlongEachDim(int dim)
    {
        using var scope = torch.NewDisposeScope();
        Tensor x = MakeX();
        Approx.Equal(Dropped(dim), Along(dim, v => Var(v, true)), x.var(dim));
        Approx.Equal(Kept(dim), Along(dim, v => Var(v, false)), x.var(dim, unbiased: false, keepdim: true));
        Approx.Equal(Dropped(dim), Along(dim, v => Math.Sqrt(Var(v, true))), x.std(dim));
        Approx.Equal(Kept(dim), Along(dim, v => Math.Sqrt(Var(v, false))), x.std(dim, unbiased: false, keepdim: true));
        Approx.Equal(Dropped(dim), Along(dim, Lse), x.logsumexp(dim));
        Approx.Equal(Kept(dim), Along(dim, Lse), torch.logsumexp(x, dim, keepdim: true));
    }

    [Theory, InlineData(0), InlineData(1), InlineData(2)]
    public void MaxMinArgmaxArgminAlongEachDim(int dim)
    {
        using var scope = torch.NewDisposeScope();
        Tensor x = MakeX();
        var (maxV, maxI) = x.max(dim);
        var (minV, minI) = x.min(dim, keepdim: true);
        Approx.Equal(Dropped(dim), Along(dim, v => v.Max()), maxV);
        Approx.Equal(Dropped(dim), Along(dim, v => Array.IndexOf(v, v.Max())), maxI);
        Assert.Equal(ScalarType.Int64, maxI.dtype);
        Approx.Equal(Kept(dim), Along(dim, v => v.Min()), minV);
        Approx.Equal(Kept(dim), Along(dim, v => Array.IndexOf(v, v.Min())), minI);
        Approx.Equal(Dropped(dim), Along(dim, v => Array.IndexOf(v, v.Max())), x.argmax(dim));
        Approx.Equal(Kept(dim), Along(dim, v => Array.IndexOf(v, v.Min())), x.argmin(dim, keepdim: true));
    }

    [Fact]
    public void FullReductionsGiveZeroDimTensors()
    {
        using var scope = torch.NewDisposeScope();
        Tensor x = MakeX();
        Tensor s = x.sum();
        Assert.Empty(s.shape);
        Approx.Equal(Data.Sum(), s);
        Approx.Equal(Data.Sum(), torch.sum(x));
        Approx.Equal(Data.Average(), x.mean());
        Approx.Equal(Data.Average(), torch.mean(x));
        Approx.Equal(Var(Data, true), x.var());
        Approx.Equal(Var(Data, false), x.var(false));
        Approx.Equal(Math.Sqrt(Var(Data, true)), x.std());
        Approx.Equal(Data.Max(), x.max());
        Approx.Equal(Data.Min(), x.min());
        // Flattened positions.
        Assert.Equal(Array.IndexOf(Data, Data.Max()), x.argmax().item<long>());
        Assert.Equal(Array.IndexOf(Data, Data.Min()), x.argmin().item<long>());
        // Several dims at once.
        double[] over01 = new double[4];
        for (int k = 0; k < 24; ++k) over01[k % 4] += Data[k];
        Approx.Equal(new long[] { 4 }, over01, x.sum(new long[] { 0, 1 }));
        Approx.Equal(new long[] { 1, 1, 4 }, over01.Select(v => v / 6).ToArray(), x.mean(new long[] { 0, 1 }, keepdim: true));
    }

    [Fact]
    public void HandComputedSmallCases()
    {
        using var scope = torch.NewDisposeScope();
        Tensor a = torch.tensor(new float[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        Approx.Equal(21, a.sum());
        Approx.Equal(new double[] { 5, 7, 9 }, a.sum(0));
        Approx.Equal(new double[] { 2, 5 }, a.mean(1));
        // Rows [1,2,3] and [4,5,6]: mean 2 and 5, squared deviations 1+0+1 = 2, /(3−1) = 1.
        Approx.Equal(new double[] { 1, 1 }, a.var(1));
        // All six: mean 3.5, Σ(x−3.5)² = 17.5; /5 = 3.5 unbiased, /6 biased.
        Approx.Equal(3.5, a.var());
        Approx.Equal(17.5 / 6, a.var(unbiased: false));
        // logsumexp of [1000, 1000] = 1000 + log 2 (exp would overflow).
        Tensor big = torch.tensor(new float[] { 1000, 1000 });
        Approx.Equal(1000 + Math.Log(2), big.logsumexp(0));
    }

    [Fact]
    public void SumsOfIntegersAndBoolsAreInt64()
    {
        using var scope = torch.NewDisposeScope();
        Tensor i = torch.tensor(new[] { 1, 2, 3 });
        Tensor s = i.sum();
        Assert.Equal(ScalarType.Int64, s.dtype);
        Assert.Equal(6L, s.item<long>());
        Tensor b = torch.tensor(new[] { true, false, true, true });
        Assert.Equal(3L, b.sum().item<long>());
        Tensor asDouble = i.sum(dtype: torch.float64);
        Assert.Equal(ScalarType.Float64, asDouble.dtype);
        Assert.Equal(6.0, asDouble.item<double>());
        // mean needs a floating type, as in PyTorch: convert first.
        Approx.Equal(2, i.to(torch.float32).mean());
    }

    [Fact]
    public void NormIsTheVectorPNorm()
    {
        using var scope = torch.NewDisposeScope();
        Tensor v = torch.tensor(new float[] { 3, -4 });
        Approx.Equal(5, v.norm());
        Approx.Equal(7, v.norm(1));
        Approx.Equal(4, v.norm(double.PositiveInfinity));
        // (3³ + 4³)^(1/3)
        Approx.Equal(Math.Cbrt(27 + 64), v.norm(3));
        Tensor x = MakeX();
        Approx.Equal(Math.Sqrt(Data.Sum(a => a * a)), x.norm());
        Approx.Equal(Dropped(2), Along(2, s => Math.Sqrt(s.Sum(a => a * a))), x.norm(2, 2));
        Approx.Equal(Kept(1), Along(1, s => s.Sum(Math.Abs)), x.norm(1, 1, keepdim: true));
        Approx.Equal(new long[] { 2 }, new[] { 0, 1 }.Select(i => Math.Sqrt(Data.Skip(12 * i).Take(12).Sum(a => a * a))).ToArray(),
            torch.linalg.vector_norm(x, 2, new long[] { 1, 2 }));
    }

    [Fact]
    public void ProdCumsumAnyAll()
    {
        using var scope = torch.NewDisposeScope();
        Tensor a = torch.tensor(new float[] { 1, 2, 3, 4 });
        Approx.Equal(24, a.prod());
        Approx.Equal(new double[] { 1, 3, 6, 10 }, a.cumsum(0));
        Tensor m = torch.tensor(new float[,] { { 1, 2 }, { 3, 4 } });
        Approx.Equal(new double[] { 1, 3, 3, 7 }, m.cumsum(1));
        Tensor mask = torch.tensor(new[] { false, true, false });
        Assert.True(mask.any().item<bool>());
        Assert.False(mask.all().item<bool>());
        Tensor none = torch.tensor(new[] { false, false });
        Assert.False(none.any().item<bool>());
        Tensor every = torch.tensor(new[] { true, true });
        Assert.True(every.all().item<bool>());
    }
}
