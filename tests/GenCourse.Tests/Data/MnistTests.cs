using GenCourse.Data;
using GenCourse.Checkpoints;

namespace GenCourse.Tests.Data;

public class MnistTests
{
    // Images per digit 0–9 in the original files: the counts torchvision users print with
    // `targets.bincount()` and Keras users with `np.unique(y, return_counts=True)`, re-derived for
    // this project with numpy's bincount over data/mnist/*-labels-idx1-ubyte.
    private static readonly long[] TrainCounts = [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949];
    private static readonly long[] TestCounts = [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009];

    [DataSetFact("MNIST")]
    public void TrainSplitHasThePublishedSizeLayoutAndClassCounts()
    {
        using ImageDataset train = Mnist.Load(DataSplit.Train);
        Assert.Equal(new long[] { 60_000, 1, 28, 28 }, train.Images.shape);
        Assert.Equal(ScalarType.Float32, train.Images.dtype);
        Assert.Equal(new long[] { 60_000 }, train.Labels.shape);
        Assert.Equal(ScalarType.Int64, train.Labels.dtype);
        Assert.Equal(TrainCounts, train.ClassCounts());
        Assert.Equal(Enumerable.Range(0, 10).Select(d => d.ToString()), train.ClassNames);
    }

    [DataSetFact("MNIST")]
    public void TestSplitHasThePublishedSizeAndClassCounts()
    {
        using ImageDataset test = Mnist.Load(DataSplit.Test);
        Assert.Equal(new long[] { 10_000, 1, 28, 28 }, test.Images.shape);
        Assert.Equal(TestCounts, test.ClassCounts());
    }

    [DataSetFact("MNIST")]
    public void PixelsAreTheFileBytesOver255()
    {
        using ImageDataset train = Mnist.Load(DataSplit.Train);
        using var scope = torch.NewDisposeScope();
        Assert.Equal(0f, train.Images.min().ToSingle());
        Assert.Equal(1f, train.Images.max().ToSingle());
        // The mean intensity torchvision's MNIST example normalises with: 0.1307.
        Assert.Equal(0.1307, train.Images.to(ScalarType.Float64).mean().ToDouble(), 4);

        // Image 0 as stored: after the 16-byte header, 784 bytes row by row.
        byte[] file = File.ReadAllBytes(Path.Combine(Mnist.DefaultDirectory, "train-images-idx3-ubyte"));
        float[] first = train.Images[0].ToArray<float>();
        for (int k = 0; k < 784; ++k) Assert.Equal(file[16 + k] / 255f, first[k]);
        byte[] labels = File.ReadAllBytes(Path.Combine(Mnist.DefaultDirectory, "train-labels-idx1-ubyte"));
        Assert.Equal(labels[8..18].Select(b => (long)b), train.Labels[..10].ToArray<long>());
    }

    [DataSetFact("MNIST")]
    public void LoadedTensorsOutliveTheScopeTheyWereLoadedIn()
    {
        ImageDataset test;
        using (torch.NewDisposeScope())
            test = Mnist.Load(DataSplit.Test);
        using (test)
        {
            Assert.False(test.Images.IsInvalid);
            Assert.Equal(10_000, test.Count);
        }
        Assert.True(test.Images.IsInvalid);
        Assert.True(test.Labels.IsInvalid);
    }

    [Fact]
    public void MissingFilesNameThemselvesAndTheInstallCommand()
    {
        using var folder = new TempFolder();
        var e = Assert.Throws<FileNotFoundException>(() => Mnist.Load(DataSplit.Train, folder.Path));
        Assert.Contains(Path.Combine(folder.Path, "train-images-idx3-ubyte"), e.Message);
        Assert.Contains(Path.Combine(folder.Path, "train-labels-idx1-ubyte"), e.Message);
        Assert.Contains("./gencourse build", e.Message);
        Assert.False(Mnist.IsInstalled(folder.Path));
    }

    [Fact]
    public void AFileWithTheWrongNumberOfImagesIsRejected()
    {
        using var folder = new TempFolder();
        using (var images = torch.zeros(new long[] { 100, 28, 28 }, ScalarType.Byte))
            IdxFile.Write(folder.File("t10k-images-idx3-ubyte"), images);
        using (var labels = torch.zeros(new long[] { 100 }, ScalarType.Byte))
            IdxFile.Write(folder.File("t10k-labels-idx1-ubyte"), labels);
        var e = Assert.Throws<DataFileException>(() => Mnist.Load(DataSplit.Test, folder.Path));
        Assert.Contains("t10k-images-idx3-ubyte: holds Byte values of shape [100, 28, 28], but MNIST test images are unsigned bytes of shape [10000, 28, 28]", e.Message);
    }

    [Fact]
    public void ALabelOutsideTheTenDigitsIsRejected()
    {
        using var folder = new TempFolder();
        using (var images = torch.zeros(new long[] { 10_000, 28, 28 }, ScalarType.Byte))
            IdxFile.Write(folder.File("t10k-images-idx3-ubyte.gz"), images);
        byte[] digits = Enumerable.Range(0, 10_000).Select(i => (byte)(i % 10)).ToArray();
        digits[1234] = 10;
        using (var labels = torch.tensor(digits))
            IdxFile.Write(folder.File("t10k-labels-idx1-ubyte"), labels);
        using var scope = torch.NewDisposeScope();
        var e = Assert.Throws<DataFileException>(() => Mnist.Load(DataSplit.Test, folder.Path));
        Assert.Contains("label 10 at index 1234 is not one of the 10 classes", e.Message);
        Assert.Equal(0, scope.DisposablesCount);
    }
}
