namespace GenCourse.Torch.Tests;

/// <summary>
/// Shape operations on x = arange(24).view(2, 3, 4), so x[i, j, k] = 12i + 4j + k and every
/// output element can be checked against the index formula.
/// </summary>
public class TensorShapeTests
{
    private static Tensor MakeX() => torch.arange(24).view(2, 3, 4);

    private static long X(long i, long j, long k) => 12 * i + 4 * j + k;

    [Fact]
    public void ViewAndReshapeKeepRowMajorOrder()
    {
        using var scope = torch.NewDisposeScope();
        Tensor x = MakeX();
        long[] flat = Enumerable.Range(0, 24).Select(v => (long)v).ToArray();
        Assert.Equal(new long[] { 2, 3, 4 }, x.shape);
        Assert.Equal(flat, x.ToArray<long>());
        Assert.Equal(new long[] { 6, 4 }, x.view(6, 4).shape);
        Assert.Equal(new long[] { 4, 6 }, x.view(4, -1).shape);
        Assert.Equal(new long[] { 24 }, x.view(-1).shape);
        Assert.Equal(flat, x.reshape(3, 8).ToArray<long>());
        Assert.Equal(new long[] { 3, 8 }, x.reshape(3, 8).shape);
    }

    [Fact]
    public void ViewSharesStorageWithItsBase()
    {
        using var scope = torch.NewDisposeScope();
        Tensor x = torch.zeros(2, 3);
        Tensor v = x.view(6);
        v.fill_(4);
        Approx.Equal(new double[] { 4, 4, 4, 4, 4, 4 }, x);
    }

    [Fact]
    public void PermuteAndTransposeMoveAxes()
    {
        using var scope = torch.NewDisposeScope();
        Tensor x = MakeX();
        Tensor p = x.permute(2, 0, 1);          // p[k, i, j] = x[i, j, k]
        Assert.Equal(new long[] { 4, 2, 3 }, p.shape);
        var expected = new List<long>();
        for (long k = 0; k < 4; ++k) for (long i = 0; i < 2; ++i) for (long j = 0; j < 3; ++j) expected.Add(X(i, j, k));
        Assert.Equal(expected, p.ToArray<long>());

        Tensor t = x.transpose(0, 2);           // t[k, j, i] = x[i, j, k]
        Assert.Equal(new long[] { 4, 3, 2 }, t.shape);
        expected.Clear();
        for (long k = 0; k < 4; ++k) for (long j = 0; j < 3; ++j) for (long i = 0; i < 2; ++i) expected.Add(X(i, j, k));
        Assert.Equal(expected, t.ToArray<long>());

        Tensor m = torch.tensor(new long[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        Assert.Equal(new long[] { 1, 4, 2, 5, 3, 6 }, m.t().ToArray<long>());
        Assert.Equal(new long[] { 3, 2 }, m.T.shape);
    }

    [Fact]
    public void ContiguousLaysOutATransposeInRowMajorOrder()
    {
        using var scope = torch.NewDisposeScope();
        Tensor m = torch.tensor(new long[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        Tensor c = m.t().contiguous();
        // After contiguous, view works and reads the transposed order.
        Assert.Equal(new long[] { 1, 4, 2, 5, 3, 6 }, c.view(-1).ToArray<long>());
        Assert.Equal(new long[] { 1, 4, 2, 5, 3, 6 }, m.t().reshape(-1).ToArray<long>());
    }

    [Fact]
    public void FlattenAndUnflatten()
    {
        using var scope = torch.NewDisposeScope();
        Tensor x = MakeX();
        Assert.Equal(new long[] { 24 }, x.flatten().shape);
        Assert.Equal(new long[] { 2, 12 }, x.flatten(1).shape);
        Assert.Equal(new long[] { 6, 4 }, torch.flatten(x, 0, 1).shape);
        Assert.Equal(x.ToArray<long>(), x.flatten(1).ToArray<long>());
        Tensor u = x.unflatten(2, 2, 2);
        Assert.Equal(new long[] { 2, 3, 2, 2 }, u.shape);
        Assert.Equal(x.ToArray<long>(), u.ToArray<long>());
        Assert.Equal(new long[] { 2, 3, 4 }, x.flatten(1).unflatten(1, 3, -1).shape);
    }

    [Fact]
    public void UnsqueezeAndSqueeze()
    {
        using var scope = torch.NewDisposeScope();
        Tensor x = MakeX();
        Assert.Equal(new long[] { 1, 2, 3, 4 }, x.unsqueeze(0).shape);
        Assert.Equal(new long[] { 2, 3, 4, 1 }, x.unsqueeze(-1).shape);
        Assert.Equal(new long[] { 2, 1, 3, 4 }, x.unsqueeze(1).shape);
        Tensor s = torch.zeros(1, 2, 1, 3);
        Assert.Equal(new long[] { 2, 3 }, s.squeeze().shape);
        Assert.Equal(new long[] { 2, 1, 3 }, s.squeeze(0).shape);
        Assert.Equal(new long[] { 1, 2, 3 }, s.squeeze(2).shape);
        // Squeezing a dimension that is not 1 leaves the tensor as it is.
        Assert.Equal(new long[] { 1, 2, 1, 3 }, s.squeeze(1).shape);
    }

    [Fact]
    public void ExpandBroadcastsWithoutCopying()
    {
        using var scope = torch.NewDisposeScope();
        Tensor c = torch.tensor(new long[,] { { 1 }, { 2 }, { 3 } });
        Tensor e = c.expand(3, 4);
        Assert.Equal(new long[] { 3, 4 }, e.shape);
        Assert.Equal(new long[] { 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3 }, e.ToArray<long>());
        Assert.Equal(new long[] { 2, 3, 4 }, c.expand(2, -1, 4).shape);
        Tensor like = torch.zeros(3, 5);
        Assert.Equal(new long[] { 3, 5 }, c.expand_as(like).shape);
        // A view: writing the source shows through every expanded copy.
        c.fill_(7);
        Assert.All(e.ToArray<long>(), v => Assert.Equal(7, v));
    }

    [Fact]
    public void RepeatTilesTheData()
    {
        using var scope = torch.NewDisposeScope();
        Tensor m = torch.tensor(new long[,] { { 1, 2 }, { 3, 4 } });
        Assert.Equal(new long[] { 1, 2, 3, 4, 1, 2, 3, 4 }, m.repeat(2, 1).ToArray<long>());
        Assert.Equal(new long[] { 4, 2 }, m.repeat(2, 1).shape);
        Assert.Equal(new long[] { 1, 2, 1, 2, 1, 2, 3, 4, 3, 4, 3, 4 }, m.repeat(1, 3).ToArray<long>());
        Assert.Equal(new long[] { 2, 2, 2 }, m.repeat(2, 1, 1).shape);
    }

    [Fact]
    public void ChunkSplitsIntoNearlyEqualPieces()
    {
        using var scope = torch.NewDisposeScope();
        Tensor a = torch.arange(7);
        Tensor[] parts = a.chunk(3);
        // ⌈7/3⌉ = 3 per chunk: 3, 3, 1.
        Assert.Equal(3, parts.Length);
        Assert.Equal(new long[] { 0, 1, 2 }, parts[0].ToArray<long>());
        Assert.Equal(new long[] { 3, 4, 5 }, parts[1].ToArray<long>());
        Assert.Equal(new long[] { 6 }, parts[2].ToArray<long>());
        Tensor[] cols = MakeX().chunk(2, dim: 2);
        Assert.Equal(new long[] { 2, 3, 2 }, cols[1].shape);
        Assert.Equal(new long[] { X(0, 0, 2), X(0, 0, 3), X(0, 1, 2) }, cols[1].ToArray<long>().Take(3));
    }

    [Fact]
    public void SplitBySizeAndBySizes()
    {
        using var scope = torch.NewDisposeScope();
        Tensor a = torch.arange(5);
        Tensor[] bySize = a.split(2);
        Assert.Equal(new[] { 2L, 2, 1 }, bySize.Select(t => t.shape[0]));
        Assert.Equal(new long[] { 4 }, bySize[2].ToArray<long>());
        Tensor[] bySizes = a.split(new long[] { 1, 4 });
        Assert.Equal(new long[] { 0 }, bySizes[0].ToArray<long>());
        Assert.Equal(new long[] { 1, 2, 3, 4 }, bySizes[1].ToArray<long>());
        Tensor[] rows = MakeX().split(new long[] { 2, 1 }, dim: 1);
        Assert.Equal(new long[] { 2, 2, 4 }, rows[0].shape);
        Assert.Equal(new long[] { X(0, 2, 0), X(0, 2, 1), X(0, 2, 2), X(0, 2, 3) }, rows[1].ToArray<long>().Take(4));
    }

    [Fact]
    public void NarrowFlipRoll()
    {
        using var scope = torch.NewDisposeScope();
        Tensor a = torch.arange(6);
        Assert.Equal(new long[] { 2, 3, 4 }, a.narrow(0, 2, 3).ToArray<long>());
        Assert.Equal(new long[] { 5, 4, 3, 2, 1, 0 }, a.flip(0).ToArray<long>());
        // roll by 2: out[i] = a[(i − 2) mod 6]
        Assert.Equal(new long[] { 4, 5, 0, 1, 2, 3 }, a.roll(2, 0).ToArray<long>());
        Tensor m = torch.tensor(new long[,] { { 1, 2 }, { 3, 4 } });
        Assert.Equal(new long[] { 2, 1, 4, 3 }, m.flip(1).ToArray<long>());
    }

    [Fact]
    public void SizeDimNumel()
    {
        using var scope = torch.NewDisposeScope();
        Tensor x = MakeX();
        Assert.Equal(3, x.dim());
        Assert.Equal(3, x.ndim);
        Assert.Equal(24, x.numel());
        Assert.Equal(3, x.size(1));
        Assert.Equal(4, x.size(-1));
    }
}
