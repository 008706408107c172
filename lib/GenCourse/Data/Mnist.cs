namespace GenCourse.Data;

/// <summary>
/// MNIST handwritten digits (LeCun, Bottou, Bengio and Haffner 1998): 60,000 training and 10,000
/// test images of 28×28 grey pixels, classes 0–9. The set-up step (<c>./gencourse build</c>)
/// installs the original IDX files into <c>data/mnist/</c> and checks their SHA-256.
/// </summary>
public static class Mnist
{
    /// <summary>The class names: the digits "0" … "9".</summary>
    public static readonly IReadOnlyList<string> ClassNames = Enumerable.Range(0, 10).Select(d => d.ToString()).ToArray();

    internal const string InstallHint =
        "Install it with the set-up step `./gencourse build` (`./gencourse test` runs it too), which puts the four IDX files in data/mnist/.";

    private static readonly IdxImageSet.Layout TrainLayout = new("MNIST train", "train-images-idx3-ubyte", "train-labels-idx1-ubyte", 60_000, 28, 28);
    private static readonly IdxImageSet.Layout TestLayout = new("MNIST test", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte", 10_000, 28, 28);

    /// <summary>The folder MNIST is read from by default: <c>data/mnist/</c> under <see cref="Paths.DataDir"/>.</summary>
    public static string DefaultDirectory => Path.Combine(Paths.DataDir, "mnist");

    /// <summary>True when both files of both splits are present (raw or .gz).</summary>
    public static bool IsInstalled(string? directory = null) =>
        IdxImageSet.IsInstalled(TrainLayout, Folders(directory)) && IdxImageSet.IsInstalled(TestLayout, Folders(directory));

    /// <summary>
    /// Loads a split: images <c>[N, 1, 28, 28]</c> float32 in [0, 1], labels <c>[N]</c> int64.
    /// A missing file is a <see cref="FileNotFoundException"/> naming it and the set-up command;
    /// a damaged one is a <see cref="DataFileException"/> saying what was wrong.
    /// </summary>
    public static ImageDataset Load(DataSplit split, string? directory = null)
    {
        IdxImageSet.Layout layout = split == DataSplit.Train ? TrainLayout : TestLayout;
        var (images, labels) = IdxImageSet.Locate(layout, Folders(directory), InstallHint);
        return IdxImageSet.Load(layout, images, labels, ClassNames);
    }

    private static string[] Folders(string? directory) => new[] { directory ?? DefaultDirectory };
}
