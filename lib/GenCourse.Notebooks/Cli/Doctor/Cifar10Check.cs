namespace GenCourse.Notebooks.Cli.Doctor;

/// <summary>
/// Checks the optional CIFAR-10 binary version in <c>data/cifar10/</c>. No checksum list is
/// committed for it (the learner brings the files), so the check is structural: each batch is
/// 10,000 records of 1 label byte (0–9) + 3,072 pixel bytes (32×32×3, planes R, G, B), i.e.
/// exactly 30,730,000 bytes, as the data set's page describes the binary version.
/// </summary>
public static class Cifar10Check
{
    /// <summary>The six files of the binary version.</summary>
    public static readonly IReadOnlyList<string> FileNames =
        ["data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin", "test_batch.bin"];

    /// <summary>Bytes per record: one label + 32·32·3 pixels.</summary>
    public const int RecordBytes = 1 + 32 * 32 * 3;

    /// <summary>Records per batch file in the real data set.</summary>
    public const int RecordsPerFile = 10_000;

    /// <summary>Checks the folder; absent is only <see cref="CheckStatus.Info"/>, a partial or damaged set fails.</summary>
    public static CheckResult Run(string directory, Func<string, string> showPath, int recordsPerFile = RecordsPerFile)
    {
        const string label = "CIFAR-10";
        string shown = showPath(directory);
        var present = FileNames.Where(n => File.Exists(Path.Combine(directory, n))).ToList();
        if (present.Count == 0)
            return CheckResult.Info(label, $"not installed (optional; put the binary version there: {shown}/data_batch_1.bin … test_batch.bin)");

        var problems = new List<string>();
        foreach (string name in FileNames)
        {
            string path = Path.Combine(directory, name);
            string? problem = File.Exists(path) ? CheckBatch(path, recordsPerFile) : "is missing";
            if (problem is not null) problems.Add($"{showPath(path)} {problem}");
        }
        if (problems.Count == 0)
            return CheckResult.Ok(label, $"{FileNames.Count} batch files checked in {shown} (sizes and labels; no checksum is committed for it)");
        return CheckResult.Fail(label, string.Join("; ", problems),
            $"Put all six files of CIFAR-10's binary version (cifar-10-binary.tar.gz, folder cifar-10-batches-bin/) in {shown}/, or remove that folder.");
    }

    /// <summary>Null when the file has the batch layout, else what is wrong with it.</summary>
    public static string? CheckBatch(string path, int recordsPerFile = RecordsPerFile)
    {
        long expectedBytes = (long)recordsPerFile * RecordBytes;
        long length = new FileInfo(path).Length;
        if (length != expectedBytes)
            return $"has {length:N0} bytes, expected {expectedBytes:N0} ({recordsPerFile:N0} records of {RecordBytes} bytes)";

        using FileStream stream = File.OpenRead(path);
        byte[] record = new byte[RecordBytes];
        for (int i = 0; i < recordsPerFile; i++)
        {
            stream.ReadExactly(record);
            if (record[0] > 9) return $"has label {record[0]} in record {i} (labels are 0–9): not CIFAR-10's binary version";
        }
        return null;
    }
}
