using GenCourse.Tests.Data;
using GenCourse.Checkpoints;
using GenCourse.Training;

namespace GenCourse.Tests.Training;

public class CheckpointTests
{
    private static readonly Dictionary<string, string> Config = new() { ["seed"] = "1", ["lr"] = "0.001", ["epochs"] = "10" };

    [Fact]
    public void ConfigurationHashIsSha256OfTheKeySortedJson()
    {
        // Reference values from Python: hashlib.sha256(json.dumps(dict(sorted(c.items())),
        // separators=(",", ":"), ensure_ascii=False).encode()).hexdigest()
        Assert.Equal("{\"epochs\":\"10\",\"lr\":\"0.001\",\"seed\":\"1\"}", Checkpoint.CanonicalConfig(Config));
        Assert.Equal("49785efc44761cd8d18ec96f4e062a7419511aeed027b4c47c7dd64da13417d5", Checkpoint.ConfigHash(Config));
        var unusual = new Dictionary<string, string> { ["z"] = "2", ["model"] = "vae \"β\"" };
        Assert.Equal("ea36af8a48172a063ddbee66187be42efc8220e57fd446283c733e9512ff6942", Checkpoint.ConfigHash(unusual));
    }

    [Fact]
    public void FileNameCarriesTheConfigurationHashWhateverTheKeyOrder()
    {
        var reordered = new Dictionary<string, string> { ["epochs"] = "10", ["seed"] = "1", ["lr"] = "0.001" };
        Assert.Equal(Path.Combine("ckpt", "vae.49785efc4476.safetensors"), Checkpoint.PathFor(Path.Combine("ckpt", "vae.safetensors"), reordered));
        Assert.Equal("vae.49785efc4476.safetensors", Checkpoint.PathFor("vae", Config));
        var other = new Dictionary<string, string>(Config) { ["lr"] = "0.002" };
        Assert.NotEqual(Checkpoint.PathFor("vae", Config), Checkpoint.PathFor("vae", other));
    }

    [Fact]
    public void TrainsOnceThenLoadsWhatWasSaved()
    {
        using var folder = new TempFolder();
        string path = folder.File("model.safetensors");
        using var weight = torch.arange(0.0, 6.0).reshape(2, 3);
        int trained = 0;
        IReadOnlyDictionary<string, Tensor> Train()
        {
            trained++;
            return new Dictionary<string, Tensor> { ["w"] = weight };
        }

        float[]? loadedValues = null;
        IReadOnlyDictionary<string, Tensor>? handedOver = null;
        void Load(IReadOnlyDictionary<string, Tensor> state)
        {
            handedOver = state;
            loadedValues = state["w"].ToArray<float>();
        }

        CheckpointResult first = Checkpoint.LoadOrTrain(path, Config, Train, Load);
        Assert.False(first.Loaded);
        Assert.Equal(1, trained);
        Assert.Null(loadedValues);
        Assert.True(File.Exists(first.Path));
        Assert.False(weight.IsInvalid);

        CheckpointResult second = Checkpoint.LoadOrTrain(path, Config, Train, Load);
        Assert.True(second.Loaded);
        Assert.Equal(first.Path, second.Path);
        Assert.Equal(1, trained);
        Assert.Equal(new float[] { 0, 1, 2, 3, 4, 5 }, loadedValues);
        Assert.True(handedOver!["w"].IsInvalid);
    }

    [Fact]
    public void AnotherConfigurationTrainsAgainIntoAnotherFile()
    {
        using var folder = new TempFolder();
        string path = folder.File("model.safetensors");
        using var w = torch.zeros(2);
        int trained = 0;
        Func<IReadOnlyDictionary<string, Tensor>> train = () =>
        {
            trained++;
            return new Dictionary<string, Tensor> { ["w"] = w };
        };
        var a = Checkpoint.LoadOrTrain(path, Config, train, _ => { });
        var b = Checkpoint.LoadOrTrain(path, new Dictionary<string, string>(Config) { ["seed"] = "2" }, train, _ => { });
        Assert.False(a.Loaded);
        Assert.False(b.Loaded);
        Assert.Equal(2, trained);
        Assert.NotEqual(a.Path, b.Path);
        Assert.Equal(2, Directory.GetFiles(folder.Path).Length);
    }

    [Fact]
    public void SavedFileRecordsTheConfigurationAndFormat()
    {
        using var folder = new TempFolder();
        using var w = torch.ones(3);
        var result = Checkpoint.LoadOrTrain(folder.File("m.safetensors"), Config, () => new Dictionary<string, Tensor> { ["w"] = w }, _ => { });
        IReadOnlyDictionary<string, string> metadata = SafeTensors.ReadHeader(result.Path).Metadata;
        Assert.Equal("pt", metadata["format"]);
        Assert.Equal(Checkpoint.CanonicalConfig(Config), metadata[Checkpoint.ConfigKey]);
        Assert.Equal(Checkpoint.ConfigHash(Config), metadata[Checkpoint.ConfigHashKey]);
    }

    [Fact]
    public void AFileSavedForAnotherConfigurationIsNeverLoadedSilently()
    {
        using var folder = new TempFolder();
        string path = folder.File("m.safetensors");
        using var w = torch.ones(3);
        var other = new Dictionary<string, string>(Config) { ["lr"] = "0.002" };
        other.Remove("epochs");
        other["beta"] = "4";
        // A file of one configuration sitting under the name of another (renamed by hand, say).
        Checkpoint.Save(Checkpoint.PathFor(path, Config), other, new Dictionary<string, Tensor> { ["w"] = w });

        bool loaded = false, trained = false;
        var e = Assert.Throws<SafeTensorsException>(() => Checkpoint.LoadOrTrain(path, Config,
            () => { trained = true; return new Dictionary<string, Tensor>(); }, _ => loaded = true));
        Assert.False(loaded);
        Assert.False(trained);
        Assert.Contains("was saved for another configuration", e.Message);
        Assert.Contains("lr: file 0.002, asked 0.001", e.Message);
        Assert.Contains("epochs: missing from the file (asked 10)", e.Message);
        Assert.Contains("beta: 4 in the file, not in the configuration asked for", e.Message);
        Assert.DoesNotContain("seed", e.Message);
    }

    [Fact]
    public void AFileWithoutAConfigurationIsRejected()
    {
        using var folder = new TempFolder();
        string path = folder.File("m.safetensors");
        using (var w = torch.ones(3))
            SafeTensors.Save(Checkpoint.PathFor(path, Config), new Dictionary<string, Tensor> { ["w"] = w });
        var e = Assert.Throws<SafeTensorsException>(() => Checkpoint.LoadOrTrain(path, Config, () => new Dictionary<string, Tensor>(), _ => { }));
        Assert.Contains("has no 'gencourse.config' metadata", e.Message);
    }

    [Fact]
    public void ADamagedCheckpointIsAnErrorThatSaysHowToRetrain()
    {
        using var folder = new TempFolder();
        string path = folder.File("m.safetensors");
        File.WriteAllBytes(Checkpoint.PathFor(path, Config), [1, 2, 3]);
        var e = Assert.Throws<SafeTensorsException>(() => Checkpoint.LoadOrTrain(path, Config, () => new Dictionary<string, Tensor>(), _ => { }));
        Assert.Contains("too short", e.Message);
        Assert.Contains("Delete the file to train again", e.Message);
    }
}
