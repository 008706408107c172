using GenCourse.Vae;

namespace GenCourse.Tests.Vae;

public class VaeCheckpointTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("gencourse-vae-ckpt-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static float[] Flat(nn.Module m) => m.parameters().SelectMany(p => p.ToArray<float>()).ToArray();

    [Fact]
    public void TheSecondRunLoadsWeightsAndHistoryWithoutTraining()
    {
        string path = Path.Combine(folder, "vae.safetensors");
        var config = new Dictionary<string, string> { ["epochs"] = "2" };
        using Tensor images = torch.rand(8, 1, 4, 4).round();

        using var first = VaeAssert.TinyVae();
        VaeTrainingRun trained = VaeCheckpoint.LoadOrTrain(path, config, first, () =>
        {
            using var opt = optim.Adam(first.parameters(), lr: 1e-2);
            var trainer = new VaeTrainer(first, opt);
            return trainer.Fit(new GenCourse.Data.DataLoader(images, null, batchSize: 4), epochs: 2).ToList();
        });
        Assert.False(trained.Checkpoint.Loaded);
        Assert.Equal(2, trained.History.Count);

        using var second = VaeAssert.TinyVae();
        int calls = 0;
        VaeTrainingRun loaded = VaeCheckpoint.LoadOrTrain(path, config, second, () => { calls++; return []; });
        Assert.True(loaded.Checkpoint.Loaded);
        Assert.Equal(0, calls);
        Assert.Equal(Flat(first), Flat(second));
        Assert.Equal(trained.History, loaded.History);   // records compare by value
    }

    [Fact]
    public void AnotherArchitectureGetsItsOwnCheckpoint()
    {
        string path = Path.Combine(folder, "vae.safetensors");
        var config = new Dictionary<string, string> { ["epochs"] = "0" };
        using var small = VaeAssert.TinyVae(latent: 3);
        VaeCheckpoint.LoadOrTrain(path, config, small, () => []);
        using var other = VaeAssert.TinyVae(latent: 2);
        int calls = 0;
        VaeTrainingRun run = VaeCheckpoint.LoadOrTrain(path, config, other, () => { calls++; return []; });
        Assert.False(run.Checkpoint.Loaded);
        Assert.Equal(1, calls);
        Assert.Equal(2, Directory.GetFiles(folder, "*.safetensors").Length);
    }
}
