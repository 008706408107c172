namespace GenCourse.Torch.Tests;

/// <summary>
/// Indexing on x = arange(24).view(2, 3, 4), x[i, j, k] = 12i + 4j + k, against the index
/// formula. Python's x[a:b] is C#'s x[a..b]; x[:, 1] is x[.., 1].
/// </summary>
public class TensorIndexingTests
{
    private static Tensor MakeX() => torch.arange(24).view(2, 3, 4);

    private static long X(long i, long j, long k) => 12 * i + 4 * j + k;

    private static long[] Grid(IEnumerable<long> iis, IEnumerable<long> js, IEnumerable<long> ks) =>
        (from i in iis from j in js from k in ks select X(i, j, k)).ToArray();

    private static IEnumerable<long> R(long start, long stop, long step = 1)
    {
        for (long v = start; v < stop; v += step) yield return v;
    }

    [Fact]
    public void IntegersSelectAndDropDimensions()
    {
        using var scope = torch.NewDisposeScope();
        Tensor x = MakeX();
        Tensor x1 = x[1];
        Assert.Equal(new long[] { 3, 4 }, x1.shape);
        Assert.Equal(Grid(new[] { 1L }, R(0, 3), R(0, 4)), x1.ToArray<long>());
        Assert.Equal(Grid(new[] { 1L }, new[] { 2L }, R(0, 4)), x[1, 2].ToArray<long>());
        Tensor one = x[1, 2, 3];
        Assert.Empty(one.shape);
        Assert.Equal(X(1, 2, 3), one.item<long>());
        // Negative integers count from the end.
        Assert.Equal(X(1, 2, 3), x[-1, -1, -1].item<long>());
        Assert.Equal(X(0, 1, 2), x[0L, 1L, 2L].item<long>());
    }

    [Fact]
    public void RangesSlice()
    {
        using var scope = torch.NewDisposeScope();
        Tensor x = MakeX();
        Tensor a = x[.., 1];                        // x[:, 1]
        Assert.Equal(new long[] { 2, 4 }, a.shape);
        Assert.Equal(Grid(R(0, 2), new[] { 1L }, R(0, 4)), a.ToArray<long>());

        Tensor b = x[0, 1..3];                      // x[0, 1:3]
        Assert.Equal(new long[] { 2, 4 }, b.shape);
        Assert.Equal(Grid(new[] { 0L }, R(1, 3), R(0, 4)), b.ToArray<long>());

        Tensor c = x[.., .., 1..];                  // x[:, :, 1:]
        Assert.Equal(new long[] { 2, 3, 3 }, c.shape);
        Assert.Equal(Grid(R(0, 2), R(0, 3), R(1, 4)), c.ToArray<long>());

        Tensor d = x[.., 1..^1, ..^2];              // x[:, 1:-1, :-2]
        Assert.Equal(new long[] { 2, 1, 2 }, d.shape);
        Assert.Equal(Grid(R(0, 2), new[] { 1L }, R(0, 2)), d.ToArray<long>());

        Tensor e = x[.., ^2..];                     // x[:, -2:]
        Assert.Equal(Grid(R(0, 2), R(1, 3), R(0, 4)), e.ToArray<long>());
        Tensor whole = x[..];
        Assert.Equal(x.ToArray<long>(), whole.ToArray<long>());
    }

    [Fact]
    public void StridedSlicesEllipsisAndNewAxis()
    {
        using var scope = torch.NewDisposeScope();
        Tensor x = MakeX();
        Tensor s = x[TensorIndex.Ellipsis, TensorIndex.Slice(null, null, 2)];      // x[..., ::2]
        Assert.Equal(new long[] { 2, 3, 2 }, s.shape);
        Assert.Equal(Grid(R(0, 2), R(0, 3), R(0, 4, 2)), s.ToArray<long>());

        Tensor s2 = x[.., TensorIndex.Slice(1, null, 2), TensorIndex.Slice(-3, -1)];  // x[:, 1::2, -3:-1]
        Assert.Equal(new long[] { 2, 1, 2 }, s2.shape);
        Assert.Equal(Grid(R(0, 2), new[] { 1L }, R(1, 3)), s2.ToArray<long>());

        Tensor mid = x[0, TensorIndex.Ellipsis, 1];                                 // x[0, ..., 1]
        Assert.Equal(new long[] { 3 }, mid.shape);
        Assert.Equal(Grid(new[] { 0L }, R(0, 3), new[] { 1L }), mid.ToArray<long>());

        Assert.Equal(new long[] { 1, 2, 3, 4 }, x[TensorIndex.NewAxis].shape);       // x[None]
        Assert.Equal(new long[] { 2, 1, 3, 4 }, x[.., TensorIndex.NewAxis].shape);  // x[:, None]
        Assert.Equal(new long[] { 2, 3, 4, 1 }, x[TensorIndex.Ellipsis, TensorIndex.NewAxis].shape);
    }

    [Fact]
    public void SliceBoundsBeyondTheEndsAreClampedAsInPython()
    {
        using var scope = torch.NewDisposeScope();
        Tensor a = torch.arange(5);
        // Python: a[-7:] is the whole tensor (−7 + 5 = −2, clamped to 0, not wrapped again),
        // a[1:100] runs to the end, a[-7:2] is a[0:2], a[:-7] is empty.
        Assert.Equal(new long[] { 0, 1, 2, 3, 4 }, a[TensorIndex.Slice(-7)].ToArray<long>());
        Assert.Equal(new long[] { 0, 1, 2, 3, 4 }, a[^7..].ToArray<long>());
        Assert.Equal(new long[] { 1, 2, 3, 4 }, a[TensorIndex.Slice(1, 100)].ToArray<long>());
        Assert.Equal(new long[] { 1, 2, 3, 4 }, a[1..100].ToArray<long>());
        Assert.Equal(new long[] { 0, 1 }, a[TensorIndex.Slice(-7, 2)].ToArray<long>());
        Assert.Equal(new long[] { 0, 1 }, a[TensorIndex.Slice(null, -3)].ToArray<long>());
        Assert.Empty(a[TensorIndex.Slice(null, -7)].ToArray<long>());
        Assert.Empty(a[..^7].ToArray<long>());
        Assert.Empty(a[3..1].ToArray<long>());
    }

    [Fact]
    public void BasicIndexingGivesViews()
    {
        using var scope = torch.NewDisposeScope();
        Tensor x = torch.zeros(2, 3);
        Tensor row = x[1];
        row.fill_(5);
        Tensor col = x[.., 0];
        col.add_(1);
        Approx.Equal(new double[] { 1, 0, 0, 6, 5, 5 }, x);
    }

    [Fact]
    public void IndexTensorsAndMasksGather()
    {
        using var scope = torch.NewDisposeScope();
        Tensor x = MakeX();
        Tensor swap = x[torch.tensor(new long[] { 1, 0 })];
        Assert.Equal(new long[] { 2, 3, 4 }, swap.shape);
        Assert.Equal(Grid(new[] { 1L, 0 }, R(0, 3), R(0, 4)), swap.ToArray<long>());

        Tensor picked = x[.., torch.tensor(new long[] { 2, 2, 0 })];     // x[:, [2, 2, 0]]
        Assert.Equal(new long[] { 2, 3, 4 }, picked.shape);
        Assert.Equal(Grid(R(0, 2), new[] { 2L, 2, 0 }, R(0, 4)), picked.ToArray<long>());

        Tensor mask = x > 20;
        Tensor sel = x[mask];
        Assert.Equal(new long[] { 21, 22, 23 }, sel.ToArray<long>());
        Assert.Equal(new long[] { 21, 22, 23 }, x.masked_select(mask).ToArray<long>());

        // A mask over the first dimension picks whole rows.
        Tensor m = torch.tensor(new long[,] { { 1, 2 }, { 3, 4 }, { 5, 6 } });
        Tensor rows = m[torch.tensor(new[] { true, false, true })];
        Assert.Equal(new long[] { 2, 2 }, rows.shape);
        Assert.Equal(new long[] { 1, 2, 5, 6 }, rows.ToArray<long>());
    }

    [Fact]
    public void AssignmentWritesThrough()
    {
        using var scope = torch.NewDisposeScope();
        Tensor x = torch.zeros(2, 3);
        x[0] = torch.tensor(new float[] { 1, 2, 3 });
        x[1, 1..] = torch.tensor(9f);                  // broadcast a scalar tensor
        Approx.Equal(new double[] { 1, 2, 3, 0, 9, 9 }, x);
        x[x > 2] = torch.tensor(-1f);
        Approx.Equal(new double[] { 1, 2, -1, 0, -1, -1 }, x);
        x[.., torch.tensor(new long[] { 0 })] = torch.tensor(new float[,] { { 7 }, { 8 } });
        Approx.Equal(new double[] { 7, 2, -1, 8, -1, -1 }, x);
    }

    [Fact]
    public void IndexSelectPicksAlongADimension()
    {
        using var scope = torch.NewDisposeScope();
        Tensor x = MakeX();
        Tensor idx = torch.tensor(new long[] { 3, 0 });
        Tensor s = x.index_select(2, idx);
        Assert.Equal(new long[] { 2, 3, 2 }, s.shape);
        Assert.Equal(Grid(R(0, 2), R(0, 3), new[] { 3L, 0 }), s.ToArray<long>());
    }

    [Fact]
    public void GatherReadsAtIndexPositions()
    {
        using var scope = torch.NewDisposeScope();
        var src = new double[,] { { 1, 2, 3 }, { 4, 5, 6 } };
        var index = new long[,] { { 2, 0 }, { 1, 1 } };
        Tensor t = torch.tensor(src, dtype: torch.float32);
        Tensor ix = torch.tensor(index);
        // dim 1: out[i][j] = src[i][index[i][j]]
        var expected1 = new double[4];
        for (int i = 0; i < 2; ++i) for (int j = 0; j < 2; ++j) expected1[i * 2 + j] = src[i, index[i, j]];
        Approx.Equal(new long[] { 2, 2 }, expected1, t.gather(1, ix));
        // dim 0: out[i][j] = src[index0[i][j]][j]
        var index0 = new long[,] { { 1, 0, 1 } };
        var expected0 = new double[3];
        for (int j = 0; j < 3; ++j) expected0[j] = src[index0[0, j], j];
        Approx.Equal(new long[] { 1, 3 }, expected0, t.gather(0, torch.tensor(index0)));
    }

    [Fact]
    public void ScatterWritesAtIndexPositions()
    {
        using var scope = torch.NewDisposeScope();
        var index = new long[,] { { 0, 2 }, { 1, 0 } };
        var src = new double[,] { { 10, 20 }, { 30, 40 } };
        Tensor self = torch.zeros(2, 3);
        // dim 1: out[i][index[i][j]] = src[i][j], the rest copied from self.
        var expected = new double[6];
        for (int i = 0; i < 2; ++i) for (int j = 0; j < 2; ++j) expected[i * 3 + index[i, j]] = src[i, j];
        Tensor outT = self.scatter(1, torch.tensor(index), torch.tensor(src, dtype: torch.float32));
        Approx.Equal(new long[] { 2, 3 }, expected, outT);
        Approx.Equal(new double[6], self);   // not in place
        var expectedV = new double[6];
        for (int i = 0; i < 2; ++i) for (int j = 0; j < 2; ++j) expectedV[i * 3 + index[i, j]] = -1;
        Approx.Equal(expectedV, self.scatter(1, torch.tensor(index), -1.0));
    }

    [Fact]
    public void MaskedFillAndWhere()
    {
        using var scope = torch.NewDisposeScope();
        Tensor x = torch.tensor(new float[] { -2, 5, 0, 3 });
        Tensor negative = x < 0;
        Approx.Equal(new double[] { 9, 5, 0, 3 }, x.masked_fill(negative, 9));
        Approx.Equal(new double[] { -2, 5, 0, 3 }, x);
        // A broadcast mask: one row of mask over two rows of data.
        Tensor m = torch.zeros(2, 2);
        Tensor rowMask = torch.tensor(new[] { true, false });
        Approx.Equal(new double[] { 1, 0, 1, 0 }, m.masked_fill(rowMask, 1));

        Tensor y = torch.tensor(new float[] { 10, 20, 30, 40 });
        Approx.Equal(new double[] { 10, 5, 0, 3 }, torch.where(negative, y, x));
        Approx.Equal(new double[] { -2, 20, 30, 40 }, x.where(negative, y));
    }
}
