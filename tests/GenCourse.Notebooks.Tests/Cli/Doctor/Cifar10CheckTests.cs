using GenCourse.Notebooks.Cli.Doctor;

namespace GenCourse.Notebooks.Tests.Cli.Doctor;

public class Cifar10CheckTests
{
    private const int Records = 3;

    // A batch of `Records` records: label byte then 3,072 pixel bytes.
    private static byte[] Batch(byte firstLabel = 0, int records = Records)
    {
        var bytes = new byte[records * Cifar10Check.RecordBytes];
        for (int i = 0; i < records; i++) bytes[i * Cifar10Check.RecordBytes] = (byte)((firstLabel + i) % 10);
        return bytes;
    }

    private static void WriteAll(TempDir dir)
    {
        foreach (string name in Cifar10Check.FileNames) dir.Write(Path.Combine("cifar10", name), Batch(firstLabel: 7));
    }

    [Fact]
    public void RecordIsOneLabelByteAndA32x32x3Image() => Assert.Equal(3073, Cifar10Check.RecordBytes);

    [Fact]
    public void AbsentIsOnlyInformationSayingWhereToPutIt()
    {
        using var dir = new TempDir();
        CheckResult result = Cifar10Check.Run(Path.Combine(dir.Path, "cifar10"), _ => "data/cifar10", Records);
        Assert.Equal(CheckStatus.Info, result.Status);
        Assert.Equal("not installed (optional; put the binary version there: data/cifar10/data_batch_1.bin … test_batch.bin)", result.Detail);
    }

    [Fact]
    public void SixWellFormedBatchesAreOk()
    {
        using var dir = new TempDir();
        WriteAll(dir);
        CheckResult result = Cifar10Check.Run(Path.Combine(dir.Path, "cifar10"), p => p, Records);
        Assert.Equal(CheckStatus.Ok, result.Status);
    }

    [Fact]
    public void ATruncatedBatchFailsNamingTheFileAndSizes()
    {
        using var dir = new TempDir();
        WriteAll(dir);
        string path = dir.Write("cifar10/data_batch_3.bin", Batch()[..^1]);

        CheckResult result = Cifar10Check.Run(Path.Combine(dir.Path, "cifar10"), p => p, Records);

        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Equal($"{path} has 9,218 bytes, expected 9,219 (3 records of 3073 bytes)", result.Detail);
        Assert.NotNull(result.FixIt);
    }

    [Fact]
    public void ALabelAbove9IsNotTheBinaryVersion()
    {
        using var dir = new TempDir();
        string path = dir.Write("batch.bin", Batch());
        Assert.Null(Cifar10Check.CheckBatch(path, Records));

        byte[] bad = Batch();
        bad[2 * Cifar10Check.RecordBytes] = 10;
        File.WriteAllBytes(path, bad);
        Assert.Equal("has label 10 in record 2 (labels are 0–9): not CIFAR-10's binary version", Cifar10Check.CheckBatch(path, Records));
    }

    [Fact]
    public void APartialSetFailsNamingTheMissingFiles()
    {
        using var dir = new TempDir();
        dir.Write("cifar10/data_batch_1.bin", Batch());
        CheckResult result = Cifar10Check.Run(Path.Combine(dir.Path, "cifar10"), p => Path.GetFileName(p), Records);
        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Equal("data_batch_2.bin is missing; data_batch_3.bin is missing; data_batch_4.bin is missing; data_batch_5.bin is missing; test_batch.bin is missing", result.Detail);
    }
}
