using TorchSharp;
using static TorchSharp.torch;

namespace GenCourse.Data;

/// <summary>
/// CIFAR-10 (Krizhevsky 2009, "Learning Multiple Layers of Features from Tiny Images"): 50,000
/// training and 10,000 test colour images of 32×32 pixels in 10 classes. Read from the binary
/// version's files in <c>data/cifar10/</c>: <c>data_batch_1.bin</c> … <c>data_batch_5.bin</c> and
/// <c>test_batch.bin</c>, each 10,000 records of
/// <code>
/// 1 label byte | 1024 red bytes | 1024 green bytes | 1024 blue bytes   (each plane row-major 32×32)
/// </code>
/// which is already channel-first: a record's 3072 pixel bytes are its <c>[3, 32, 32]</c> image.
/// </summary>
public static class Cifar10
{
    /// <summary>The class names, indexed by label (as in the data set's batches.meta.txt).</summary>
    public static readonly IReadOnlyList<string> ClassNames = new[]
    {
        "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck",
    };

    /// <summary>Bytes per record: the label, then 3 × 32 × 32 pixels.</summary>
    public const int RecordBytes = 1 + 3 * 32 * 32;

    /// <summary>Records in each file of the official binary version.</summary>
    public const int RecordsPerFile = 10_000;

    /// <summary>The training files, in order.</summary>
    public static readonly IReadOnlyList<string> TrainFiles = Enumerable.Range(1, 5).Select(k => $"data_batch_{k}.bin").ToArray();

    /// <summary>The test file.</summary>
    public static readonly IReadOnlyList<string> TestFiles = new[] { "test_batch.bin" };

    internal const string InstallHint =
        "CIFAR-10 is not installed by the set-up step: download the binary version (cifar-10-binary.tar.gz, " +
        "https://www.cs.toronto.edu/~kriz/cifar.html) and unpack its .bin files into data/cifar10/.";

    /// <summary>The folder CIFAR-10 is read from by default: <c>data/cifar10/</c> under <see cref="Paths.DataDir"/>.</summary>
    public static string DefaultDirectory => Path.Combine(Paths.DataDir, "cifar10");

    /// <summary>True when all six files are present in the folder (or its cifar-10-batches-bin/ sub-folder).</summary>
    public static bool IsInstalled(string? directory = null) =>
        TrainFiles.Concat(TestFiles).All(f => File.Exists(Path.Combine(Folder(directory), f)));

    /// <summary>
    /// Loads a split: images <c>[N, 3, 32, 32]</c> float32 in [0, 1] (channels R, G, B), labels
    /// <c>[N]</c> int64. Every file must be present and hold exactly 10,000 records.
    /// </summary>
    public static ImageDataset Load(DataSplit split, string? directory = null)
    {
        string folder = Folder(directory);
        IReadOnlyList<string> names = split == DataSplit.Train ? TrainFiles : TestFiles;
        string[] paths = names.Select(n => Path.Combine(folder, n)).ToArray();
        string[] missing = paths.Where(p => !File.Exists(p)).ToArray();
        if (missing.Length > 0)
            throw new FileNotFoundException($"CIFAR-10 {split.ToString().ToLowerInvariant()} is not installed: missing {string.Join(", ", missing)}. {InstallHint}", missing[0]);
        return LoadFiles(paths, $"CIFAR-10 {split.ToString().ToLowerInvariant()}", RecordsPerFile);
    }

    /// <summary>
    /// Loads files in the binary layout (any number of records each, e.g. small files written
    /// by a test), concatenated in the order given.
    /// </summary>
    public static ImageDataset LoadFiles(IReadOnlyList<string> paths, string name = "CIFAR-10") => LoadFiles(paths, name, null);

    private static ImageDataset LoadFiles(IReadOnlyList<string> paths, string name, int? recordsPerFile)
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (paths.Count == 0) throw new ArgumentException("no CIFAR-10 files were given", nameof(paths));
        long total = 0;
        foreach (string p in paths)
        {
            if (!File.Exists(p)) throw new FileNotFoundException($"{p}: no such CIFAR-10 file. {InstallHint}", p);
            long length = new FileInfo(p).Length;
            if (length == 0 || length % RecordBytes != 0)
                throw new DataFileException(p, $"is {length} bytes long, not a whole number of {RecordBytes}-byte records: the file is truncated or not CIFAR-10 binary data.");
            if (recordsPerFile is int r && length != (long)r * RecordBytes)
                throw new DataFileException(p, $"holds {length / RecordBytes} records, but each CIFAR-10 batch file holds {r}. The file is truncated; download it again.");
            total += length;
        }
        if (total > Array.MaxLength) throw new ArgumentException($"the files hold {total} bytes, more than one array can; load fewer at a time", nameof(paths));

        var bytes = new byte[total];
        int offset = 0;
        foreach (string p in paths)
        {
            using var file = new FileStream(p, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            int length = (int)file.Length;
            file.ReadExactly(bytes, offset, length);
            for (int k = 0; k < length; k += RecordBytes)
                if (bytes[offset + k] >= ClassNames.Count)
                    throw new DataFileException(p, $"record {k / RecordBytes} has label {bytes[offset + k]}; CIFAR-10 labels are 0 to {ClassNames.Count - 1}. Not CIFAR-10 binary data (CIFAR-100's files have two label bytes).");
            offset += length;
        }

        long n = total / RecordBytes;
        using (torch.NewDisposeScope())
        {
            Tensor records = torch.tensor(bytes, new[] { n, (long)RecordBytes });
            Tensor labels = records[.., 0].to(ScalarType.Int64);
            // [N, 3073] → [N, 3072] → [N, 3, 32, 32]: each record's planes are R, G, B, row-major.
            Tensor images = records.narrow(1, 1, 3 * 32 * 32).reshape(n, 3, 32, 32).to(ScalarType.Float32).div_(255.0);
            return new ImageDataset(name, images, labels, ClassNames);
        }
    }

    private static string Folder(string? directory)
    {
        string folder = directory ?? DefaultDirectory;
        string nested = Path.Combine(folder, "cifar-10-batches-bin");
        return !File.Exists(Path.Combine(folder, TrainFiles[0])) && Directory.Exists(nested) ? nested : folder;
    }
}
