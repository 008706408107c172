using GenCourse.Data;

namespace GenCourse.Tests.Data;

public class DataLoaderTests
{
    /// <summary>N samples whose image is filled with its own index i and whose label is 1000 + i, so a batch reveals which samples it holds.</summary>
    private static (Tensor Images, Tensor Labels) Numbered(long n)
    {
        using Tensor ids = torch.arange(0L, n).to(ScalarType.Float32);
        Tensor images = ids.view(n, 1, 1, 1).expand(n, 1, 2, 2).contiguous();
        Tensor labels = torch.arange(1000L, 1000L + n);
        return (images, labels);
    }

    /// <summary>The sample each image of a batch is (its first value), checking the whole image and its label agree.</summary>
    private static long[] SamplesOf(Batch batch)
    {
        float[] values = batch.Images.ToArray<float>();
        long[] labels = batch.Labels!.ToArray<long>();
        var ids = new long[batch.Size];
        for (int k = 0; k < ids.Length; ++k)
        {
            ids[k] = (long)values[4 * k];
            Assert.All(values[(4 * k)..(4 * k + 4)], v => Assert.Equal(ids[k], (long)v));
            Assert.Equal(1000 + ids[k], labels[k]);
        }
        return ids;
    }

    private static List<long[]> RunEpoch(IEnumerable<Batch> epoch)
    {
        var batches = new List<long[]>();
        foreach (Batch b in epoch)
            using (b) batches.Add(SamplesOf(b));
        return batches;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void EveryIndexAppearsExactlyOncePerEpoch(bool shuffle)
    {
        using var scope = torch.NewDisposeScope();
        var (images, labels) = Numbered(103);
        var loader = new DataLoader(images, labels, batchSize: 10, shuffle: shuffle, seed: 5);
        Assert.Equal(11, loader.BatchCount);
        for (int epoch = 0; epoch < 3; ++epoch)
        {
            List<long[]> batches = RunEpoch(loader);
            Assert.Equal(Enumerable.Repeat(10, 10).Append(3), batches.Select(b => b.Length));
            Assert.Equal(Enumerable.Range(0, 103).Select(i => (long)i), batches.SelectMany(b => b).Order());
            if (!shuffle) Assert.Equal(Enumerable.Range(0, 103).Select(i => (long)i), batches.SelectMany(b => b));
        }
        Assert.Equal(3, loader.NextEpoch);
    }

    [Fact]
    public void ShuffledOrderIsReproducibleFromTheSeedAndDiffersAcrossEpochsAndSeeds()
    {
        using var scope = torch.NewDisposeScope();
        var (images, labels) = Numbered(200);
        var a = new DataLoader(images, labels, batchSize: 50, shuffle: true, seed: 42);
        var b = new DataLoader(images, labels, batchSize: 50, shuffle: true, seed: 42);
        var c = new DataLoader(images, labels, batchSize: 50, shuffle: true, seed: 43);

        long[] a0 = RunEpoch(a).SelectMany(x => x).ToArray();
        long[] a1 = RunEpoch(a).SelectMany(x => x).ToArray();
        long[] b0 = RunEpoch(b).SelectMany(x => x).ToArray();
        long[] b1 = RunEpoch(b).SelectMany(x => x).ToArray();
        long[] c0 = RunEpoch(c).SelectMany(x => x).ToArray();

        Assert.Equal(a0, b0);
        Assert.Equal(a1, b1);
        Assert.NotEqual(a0, a1);
        Assert.NotEqual(a0, c0);
        Assert.NotEqual(Enumerable.Range(0, 200).Select(i => (long)i), a0);
        // An epoch can be replayed on its own (e.g. to resume a run) and matches BatchIndices.
        Assert.Equal(a1, RunEpoch(a.Epoch(1)).SelectMany(x => x));
        Assert.Equal(a1, a.BatchIndices(1).SelectMany(x => x));
    }

    [Fact]
    public void DropLastDropsOnlyTheShortBatch()
    {
        using var scope = torch.NewDisposeScope();
        var (images, labels) = Numbered(103);
        var loader = new DataLoader(images, labels, batchSize: 10, shuffle: true, seed: 1, dropLast: true);
        Assert.Equal(10, loader.BatchCount);
        List<long[]> batches = RunEpoch(loader);
        Assert.Equal(10, batches.Count);
        Assert.All(batches, batch => Assert.Equal(10, batch.Length));
        Assert.Equal(100, batches.SelectMany(x => x).Distinct().Count());

        var exact = new DataLoader(images, labels, batchSize: 103, dropLast: true);
        Assert.Single(RunEpoch(exact));
        var tooFew = new DataLoader(images, labels, batchSize: 104, dropLast: true);
        Assert.Empty(RunEpoch(tooFew));
    }

    [Fact]
    public void BatchesAreCopiesOnTheRequestedDevice()
    {
        using var scope = torch.NewDisposeScope();
        var (images, labels) = Numbered(8);
        var loader = new DataLoader(images, labels, batchSize: 4, device: CPU);
        Assert.Equal(CPU, loader.Device);
        foreach (Batch batch in loader)
        {
            Assert.Equal(DeviceType.CPU, batch.Images.device.type);
            Assert.Equal(DeviceType.CPU, batch.Labels!.device.type);
            batch.Images.fill_(-1.0);
        }
        Assert.Equal(0f, images.min().ToSingle());
    }

    [Fact]
    public void ImagesWithoutLabelsGiveBatchesWithoutLabels()
    {
        using var scope = torch.NewDisposeScope();
        var (images, _) = Numbered(5);
        var loader = new DataLoader(images, null, batchSize: 2);
        var sizes = new List<long>();
        foreach (Batch b in loader)
        {
            Assert.Null(b.Labels);
            sizes.Add(b.Size);
        }
        Assert.Equal(new long[] { 2, 2, 1 }, sizes);
    }

    [Fact]
    public void TheTransformIsAppliedToEachBatchOfImages()
    {
        using var scope = torch.NewDisposeScope();
        var (images, labels) = Numbered(6);
        var loader = new DataLoader(images, labels, batchSize: 3, transform: x => x * 2.0);
        var firsts = new List<float>();
        foreach (Batch b in loader) firsts.Add(b.Images.ToArray<float>()[0]);
        Assert.Equal(new float[] { 0, 6 }, firsts);
    }

    [Fact]
    public void LoaderLeavesNoTensorBehindWhenBatchesAreDisposed()
    {
        var (images, labels) = Numbered(50);
        using (images)
        using (labels)
        {
            var loader = new DataLoader(images, labels, batchSize: 8, shuffle: true, transform: x => x + 1.0);
            using var scope = torch.NewDisposeScope();
            foreach (Batch b in loader) b.Dispose();
            foreach (Batch b in loader)
            {
                b.Dispose();
                break;
            }
            Assert.Equal(0, scope.DisposablesCount);
        }
    }

    [Fact]
    public void MismatchedLabelsAndBadBatchSizesAreRejected()
    {
        using var scope = torch.NewDisposeScope();
        var (images, _) = Numbered(10);
        var e = Assert.Throws<ArgumentException>(() => new DataLoader(images, torch.zeros(9), batchSize: 2));
        Assert.Contains("10 images but labels of shape [9]", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new DataLoader(images, null, batchSize: 0));
    }

    [Fact]
    public void AnImageDatasetCanBeLoadedDirectly()
    {
        using var scope = torch.NewDisposeScope();
        var (images, labels) = Numbered(7);
        using var data = new ImageDataset("numbered", images, labels, ["x"]);
        var loader = new DataLoader(data, batchSize: 4, shuffle: true, seed: 3);
        Assert.Equal(Enumerable.Range(0, 7).Select(i => (long)i), RunEpoch(loader).SelectMany(b => b).Order());
    }

    [CudaFact]
    [Trait("Category", "Cuda")]
    public void BatchesCanBeMovedToTheGpu()
    {
        using var scope = torch.NewDisposeScope();
        var (images, labels) = Numbered(10);
        var loader = new DataLoader(images, labels, batchSize: 4, shuffle: true, device: CUDA);
        var seen = new List<long>();
        foreach (Batch b in loader)
        {
            Assert.True(b.Images.device_type == DeviceType.CUDA);
            Assert.True(b.Labels!.device_type == DeviceType.CUDA);
            seen.AddRange(SamplesOf(b));
        }
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), seen.Order());
    }
}
