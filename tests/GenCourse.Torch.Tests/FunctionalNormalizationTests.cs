namespace GenCourse.Torch.Tests;

/// <summary>nn.functional's normalisation, dropout, embedding, one_hot and pad, against loops of their definitions.</summary>
public class FunctionalNormalizationTests
{
    private const double Eps = 1e-5;

    private static Tensor T(double[] values, params long[] shape) => torch.tensor(values, shape);

    private static double[] V(int n, int seed, double scale = 2) => Reference.Values(n, scale, seed);

    /// <summary>(x − mean)/√(var + ε) over the positions that <paramref name="group"/> maps to the same key (biased variance).</summary>
    private static double[] Normalize(double[] x, Func<int, int> group, int groups)
    {
        var sum = new double[groups];
        var count = new int[groups];
        for (int k = 0; k < x.Length; ++k) { sum[group(k)] += x[k]; count[group(k)]++; }
        var mean = sum.Select((s, g) => s / count[g]).ToArray();
        var sq = new double[groups];
        for (int k = 0; k < x.Length; ++k) sq[group(k)] += (x[k] - mean[group(k)]) * (x[k] - mean[group(k)]);
        var var = sq.Select((s, g) => s / count[g]).ToArray();
        return x.Select((v, k) => (v - mean[group(k)]) / Math.Sqrt(var[group(k)] + Eps)).ToArray();
    }

    [Fact]
    public void BatchNormTrainingUsesBatchStatisticsAndUpdatesRunningOnes()
    {
        using var scope = torch.NewDisposeScope();
        const int n = 3, c = 2, hw = 4;
        double[] x = V(n * c * hw, 1);
        double[] gamma = { 1.5, -0.5 }, beta = { 0.25, 2 };
        int Channel(int k) => k / hw % c;
        double[] expected = Normalize(x, Channel, c).Select((v, k) => v * gamma[Channel(k)] + beta[Channel(k)]).ToArray();
        Tensor runningMean = torch.tensor(new double[] { 0.5, -1 });
        Tensor runningVar = torch.tensor(new double[] { 2, 1 });
        Tensor y = nn.functional.batch_norm(T(x, n, c, 2, 2), runningMean, runningVar, T(gamma, c), T(beta, c), training: true, momentum: 0.1);
        Approx.Equal(new long[] { n, c, 2, 2 }, expected, y, 1e-10);

        // running ← (1 − m)·running + m·batch, with the unbiased batch variance (n·H·W − 1 divisor).
        for (int ch = 0; ch < c; ++ch)
        {
            double[] xs = x.Where((_, k) => Channel(k) == ch).ToArray();
            double mean = xs.Average();
            double unbiased = xs.Sum(v => (v - mean) * (v - mean)) / (xs.Length - 1);
            Assert.Equal(0.9 * new[] { 0.5, -1 }[ch] + 0.1 * mean, runningMean.ToArray<double>()[ch], 12);
            Assert.Equal(0.9 * new[] { 2.0, 1 }[ch] + 0.1 * unbiased, runningVar.ToArray<double>()[ch], 12);
        }
    }

    [Fact]
    public void BatchNormEvaluationUsesTheRunningStatistics()
    {
        using var scope = torch.NewDisposeScope();
        double[] x = V(2 * 2 * 3, 2);
        double[] rm = { 0.3, -0.2 }, rv = { 1.7, 0.4 };
        int Channel(int k) => k / 3 % 2;
        double[] expected = x.Select((v, k) => (v - rm[Channel(k)]) / Math.Sqrt(rv[Channel(k)] + Eps)).ToArray();
        Tensor runningMean = T(rm, 2), runningVar = T(rv, 2);
        Approx.Equal(expected, nn.functional.batch_norm(T(x, 2, 2, 3), runningMean, runningVar), 1e-10);
        // Evaluation leaves the running statistics alone.
        Assert.Equal(rm, runningMean.ToArray<double>());
        Assert.Equal(rv, runningVar.ToArray<double>());
    }

    [Fact]
    public void GroupNormNormalisesEachGroupOfChannels()
    {
        using var scope = torch.NewDisposeScope();
        const int n = 2, c = 4, g = 2, hw = 6;
        double[] x = V(n * c * hw, 3);
        double[] gamma = { 1, 2, -1, 0.5 }, beta = { 0, 0.1, 0.2, 0.3 };
        int Channel(int k) => k / hw % c;
        int Group(int k) => k / (hw * c / g);   // (sample, group) blocks are contiguous
        double[] expected = Normalize(x, Group, n * g).Select((v, k) => v * gamma[Channel(k)] + beta[Channel(k)]).ToArray();
        Approx.Equal(new long[] { n, c, 2, 3 }, expected, nn.functional.group_norm(T(x, n, c, 2, 3), g, T(gamma, c), T(beta, c)), 1e-10);
        double[] plain = Normalize(x, Group, n * g);
        Approx.Equal(plain, nn.functional.group_norm(T(x, n, c, 2, 3), g), 1e-10);
    }

    [Fact]
    public void LayerNormNormalisesTheTrailingDimensions()
    {
        using var scope = torch.NewDisposeScope();
        double[] x = V(2 * 3 * 4, 4);
        double[] gamma = V(12, 5), beta = V(12, 6);
        double[] expected = Normalize(x, k => k / 12, 2).Select((v, k) => v * gamma[k % 12] + beta[k % 12]).ToArray();
        Approx.Equal(new long[] { 2, 3, 4 }, expected,
            nn.functional.layer_norm(T(x, 2, 3, 4), new long[] { 3, 4 }, T(gamma, 3, 4), T(beta, 3, 4)), 1e-10);
        Approx.Equal(Normalize(x, k => k / 4, 6), nn.functional.layer_norm(T(x, 2, 3, 4), new long[] { 4 }), 1e-10);
    }

    [Fact]
    public void DropoutZeroesAndRescales()
    {
        using var scope = torch.NewDisposeScope();
        Tensor x = torch.full(new long[] { 20_000 }, 3.0);
        double[] y = nn.functional.dropout(x, 0.25).ToArray<double>();
        // Every kept value is x/(1 − p) = 4; about p of them are 0 (s.d. ≈ 0.003).
        Assert.All(y, v => Assert.True(v == 0 || Math.Abs(v - 4) < 1e-6, $"unexpected {v}"));
        double dropped = y.Count(v => v == 0) / (double)y.Length;
        Assert.InRange(dropped, 0.23, 0.27);
        Assert.Equal(x.ToArray<double>(), nn.functional.dropout(x, 0.25, training: false).ToArray<double>());
        Assert.Equal(x.ToArray<double>(), nn.functional.dropout(x, 0).ToArray<double>());
        Assert.All(nn.functional.dropout(x, 1).ToArray<double>(), v => Assert.Equal(0, v));
    }

    [Fact]
    public void EmbeddingPicksRows()
    {
        using var scope = torch.NewDisposeScope();
        double[] w = V(5 * 3, 7);
        Tensor weight = T(w, 5, 3);
        long[,] idx = { { 0, 4 }, { 2, 2 } };
        Tensor e = nn.functional.embedding(torch.tensor(idx), weight);
        var expected = new List<double>();
        foreach (long i in new long[] { 0, 4, 2, 2 }) expected.AddRange(w.Skip((int)i * 3).Take(3));
        Approx.Equal(new long[] { 2, 2, 3 }, expected.ToArray(), e, 1e-12);
    }

    [Fact]
    public void OneHotMarksTheClass()
    {
        using var scope = torch.NewDisposeScope();
        Tensor labels = torch.tensor(new long[] { 0, 2, 1 });
        Tensor h = nn.functional.one_hot(labels, 4);
        Assert.Equal(new long[] { 3, 4 }, h.shape);
        Assert.Equal(ScalarType.Int64, h.dtype);
        Assert.Equal(new long[] { 1, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0 }, h.ToArray<long>());
        // Without num_classes it is max + 1 = 3.
        Assert.Equal(new long[] { 3, 3 }, nn.functional.one_hot(labels).shape);
    }

    /// <summary>Maps an output position to a source index (or −1 for the constant) per padding mode.</summary>
    private static int Source(int i, int size, string mode) => mode switch
    {
        "constant" => i >= 0 && i < size ? i : -1,
        "reflect" => i < 0 ? -i : i >= size ? 2 * (size - 1) - i : i,
        "replicate" => Math.Clamp(i, 0, size - 1),
        "circular" => ((i % size) + size) % size,
        _ => throw new ArgumentException(mode),
    };

    [Theory]
    [InlineData("constant")]
    [InlineData("reflect")]
    [InlineData("replicate")]
    [InlineData("circular")]
    public void PadExtendsTheLastTwoDimensions(string mode)
    {
        using var scope = torch.NewDisposeScope();
        const int h = 3, w = 4, left = 2, right = 1, top = 1, bottom = 2;
        double[] x = V(2 * h * w, 8);
        int oh = h + top + bottom, ow = w + left + right;
        var expected = new double[2 * oh * ow];
        for (int c = 0; c < 2; ++c)
        for (int i = 0; i < oh; ++i)
        for (int j = 0; j < ow; ++j)
        {
            int si = Source(i - top, h, mode), sj = Source(j - left, w, mode);
            expected[(c * oh + i) * ow + j] = si < 0 || sj < 0 ? 0.5 : x[(c * h + si) * w + sj];
        }
        Tensor y = nn.functional.pad(T(x, 1, 2, h, w), new long[] { left, right, top, bottom }, mode, value: 0.5);
        Approx.Equal(new long[] { 1, 2, oh, ow }, expected, y, 1e-12);
    }

    [Fact]
    public void PadOneSideOfTheLastDimension()
    {
        using var scope = torch.NewDisposeScope();
        Tensor x = torch.tensor(new float[,] { { 1, 2 }, { 3, 4 } });
        Approx.Equal(new long[] { 2, 5 }, new double[] { 0, 1, 2, 0, 0, 0, 3, 4, 0, 0 }, nn.functional.pad(x, new long[] { 1, 2 }));
        Approx.Equal(new long[] { 2, 1 }, new double[] { 2, 4 }, nn.functional.pad(x, new long[] { -1, 0 }));
    }
}
