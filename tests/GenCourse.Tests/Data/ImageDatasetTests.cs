using GenCourse.Data;

namespace GenCourse.Tests.Data;

public class ImageDatasetTests
{
    /// <summary>N images filled with their index, labels index mod 3.</summary>
    private static ImageDataset Numbered(long n)
    {
        using var scope = torch.NewDisposeScope();
        Tensor ids = torch.arange(0L, n).to(ScalarType.Float32);
        return new ImageDataset("numbered", ids.view(n, 1, 1, 1).expand(n, 1, 2, 2).contiguous(),
            torch.tensor(Enumerable.Range(0, (int)n).Select(i => (long)(i % 3)).ToArray()), ["a", "b", "c"]);
    }

    [Fact]
    public void RandomSubsetHasTheSizeAskedDistinctSamplesAndMatchingLabels()
    {
        using ImageDataset all = Numbered(100);
        using ImageDataset subset = all.RandomSubset(30, seed: 7);
        Assert.Equal(30, subset.Count);
        Assert.Equal(new long[] { 1, 2, 2 }, subset.ImageShape);
        long[] ids = subset.Images.ToArray<float>().Where((_, k) => k % 4 == 0).Select(v => (long)v).ToArray();
        Assert.Equal(30, ids.Distinct().Count());
        Assert.Equal(ids.Select(i => i % 3), subset.Labels.ToArray<long>());
        Assert.NotEqual(Enumerable.Range(0, 30).Select(i => (long)i), ids);
    }

    [Fact]
    public void RandomSubsetIsReproducibleFromItsSeed()
    {
        using ImageDataset all = Numbered(100);
        using ImageDataset a = all.RandomSubset(10, seed: 1);
        using ImageDataset b = all.RandomSubset(10, seed: 1);
        using ImageDataset c = all.RandomSubset(10, seed: 2);
        Assert.Equal(a.Labels.ToArray<long>(), b.Labels.ToArray<long>());
        Assert.Equal(a.Images.ToArray<float>(), b.Images.ToArray<float>());
        Assert.NotEqual(a.Images.ToArray<float>(), c.Images.ToArray<float>());
    }

    [Fact]
    public void RandomSubsetSizeMustBeBetweenOneAndTheCount()
    {
        using ImageDataset all = Numbered(5);
        Assert.Throws<ArgumentOutOfRangeException>(() => all.RandomSubset(6, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => all.RandomSubset(0, 0));
        using ImageDataset whole = all.RandomSubset(5, 0);
        Assert.Equal(new long[] { 0, 1, 2, 3, 4 }, whole.Images.ToArray<float>().Where((_, k) => k % 4 == 0).Select(v => (long)v).Order());
    }

    [Fact]
    public void ClassCountsCountEachLabel()
    {
        using ImageDataset all = Numbered(10);
        Assert.Equal(new long[] { 4, 3, 3 }, all.ClassCounts());
    }

    [Fact]
    public void TheDatasetOwnsItsTensorsOutsideAnyScope()
    {
        ImageDataset data;
        using (var scope = torch.NewDisposeScope())
        {
            data = Numbered(4);
            Assert.Equal(0, scope.DisposablesCount);
        }
        Assert.False(data.Images.IsInvalid);
        data.Dispose();
        Assert.True(data.Images.IsInvalid && data.Labels.IsInvalid);
    }

    [Fact]
    public void ConstructorChecksShapesAndTypes()
    {
        using var scope = torch.NewDisposeScope();
        var e = Assert.Throws<ArgumentException>(() => new ImageDataset("x", torch.zeros(3, 4), torch.zeros(new long[] { 3 }, ScalarType.Int64), ["a"]));
        Assert.Contains("[N, C, H, W]", e.Message);
        e = Assert.Throws<ArgumentException>(() => new ImageDataset("x", torch.zeros(3, 1, 2, 2), torch.zeros(3), ["a"]));
        Assert.Contains("1-d int64", e.Message);
        e = Assert.Throws<ArgumentException>(() => new ImageDataset("x", torch.zeros(3, 1, 2, 2), torch.zeros(new long[] { 2 }, ScalarType.Int64), ["a"]));
        Assert.Contains("3 images but 2 labels", e.Message);
    }

    [Fact]
    public void ToMakesAnIndependentCopy()
    {
        using ImageDataset all = Numbered(3);
        using ImageDataset copy = all.To(CPU);
        copy.Images.fill_(9.0);
        Assert.Equal(0f, all.Images.ToArray<float>()[0]);
        Assert.False(copy.Labels.IsInvalid);
    }
}
