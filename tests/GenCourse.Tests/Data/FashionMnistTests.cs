using GenCourse.Data;

namespace GenCourse.Tests.Data;

public class FashionMnistTests
{
    // Xiao, Rasul and Vollgraf (2017): 70,000 images, 7,000 per class, split 60,000 / 10,000 with
    // every class equally represented (re-derived with numpy's bincount over Debian's files).
    [DataSetFact("Fashion-MNIST")]
    public void TrainSplitHas6000ImagesPerClass()
    {
        using ImageDataset train = FashionMnist.Load(DataSplit.Train);
        Assert.Equal(new long[] { 60_000, 1, 28, 28 }, train.Images.shape);
        Assert.Equal(Enumerable.Repeat(6000L, 10), train.ClassCounts());
        Assert.Equal(10, train.ClassNames.Count);
        Assert.Equal("Ankle boot", train.ClassNames[9]);
    }

    [DataSetFact("Fashion-MNIST")]
    public void TestSplitHas1000ImagesPerClassWithPixelsIn01()
    {
        using ImageDataset test = FashionMnist.Load(DataSplit.Test);
        Assert.Equal(new long[] { 10_000, 1, 28, 28 }, test.Images.shape);
        Assert.Equal(Enumerable.Repeat(1000L, 10), test.ClassCounts());
        using var scope = torch.NewDisposeScope();
        Assert.Equal(0f, test.Images.min().ToSingle());
        Assert.Equal(1f, test.Images.max().ToSingle());
    }

    [Fact]
    public void MissingFilesNameThemselvesAndTheInstallCommand()
    {
        using var folder = new TempFolder();
        var e = Assert.Throws<FileNotFoundException>(() => FashionMnist.Load(DataSplit.Test, folder.Path));
        Assert.Contains(Path.Combine(folder.Path, "t10k-images-idx3-ubyte"), e.Message);
        Assert.Contains("./gencourse build", e.Message);
        Assert.Contains("dataset-fashion-mnist", e.Message);
    }
}
