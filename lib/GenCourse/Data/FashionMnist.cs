namespace GenCourse.Data;

/// <summary>
/// Fashion-MNIST (Xiao, Rasul and Vollgraf 2017, arXiv:1708.07747): Zalando article images in
/// MNIST's layout, 60,000 training and 10,000 test images of 28×28 grey pixels, 10 balanced
/// classes. Read from <c>data/fashion-mnist/</c> if present, else from Debian's
/// <c>dataset-fashion-mnist</c> package in <c>/usr/share/datasets/fashion-mnist/</c> (gzip IDX).
/// </summary>
public static class FashionMnist
{
    /// <summary>The class names, indexed by label (from the data set's README).</summary>
    public static readonly IReadOnlyList<string> ClassNames = new[]
    {
        "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
    };

    /// <summary>Where Debian's <c>dataset-fashion-mnist</c> package installs the files.</summary>
    public const string SystemDirectory = "/usr/share/datasets/fashion-mnist";

    internal const string InstallHint =
        "Install it with the set-up step `./gencourse build` (`./gencourse test` runs it too), which installs Debian's package dataset-fashion-mnist into " +
        SystemDirectory + "/, or put the four IDX files in data/fashion-mnist/.";

    private static readonly IdxImageSet.Layout TrainLayout = new("Fashion-MNIST train", "train-images-idx3-ubyte", "train-labels-idx1-ubyte", 60_000, 28, 28);
    private static readonly IdxImageSet.Layout TestLayout = new("Fashion-MNIST test", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte", 10_000, 28, 28);

    /// <summary>The course's own folder for it: <c>data/fashion-mnist/</c> under <see cref="Paths.DataDir"/>.</summary>
    public static string DefaultDirectory => Path.Combine(Paths.DataDir, "fashion-mnist");

    /// <summary>True when both files of both splits are present in one of the folders searched.</summary>
    public static bool IsInstalled(string? directory = null) =>
        IdxImageSet.IsInstalled(TrainLayout, Folders(directory)) && IdxImageSet.IsInstalled(TestLayout, Folders(directory));

    /// <summary>
    /// Loads a split: images <c>[N, 1, 28, 28]</c> float32 in [0, 1], labels <c>[N]</c> int64.
    /// With <paramref name="directory"/> only that folder is searched.
    /// </summary>
    public static ImageDataset Load(DataSplit split, string? directory = null)
    {
        IdxImageSet.Layout layout = split == DataSplit.Train ? TrainLayout : TestLayout;
        var (images, labels) = IdxImageSet.Locate(layout, Folders(directory), InstallHint);
        return IdxImageSet.Load(layout, images, labels, ClassNames);
    }

    private static string[] Folders(string? directory) =>
        directory is not null ? new[] { directory } : new[] { DefaultDirectory, SystemDirectory };
}
