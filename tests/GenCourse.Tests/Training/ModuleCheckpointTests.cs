using TorchSharp.Modules;
using GenCourse.Checkpoints;
using GenCourse.Training;

namespace GenCourse.Tests.Training;

/// <summary>module.save/load, optimizer.save/load and Checkpoint.LoadOrTrain with a module.</summary>
public class ModuleCheckpointTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("gencourse-ckpt-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static Sequential Mlp() => nn.Sequential(nn.Linear(4, 8), nn.Tanh(), nn.Linear(8, 3));

    private static float[] Flat(nn.Module m) => m.parameters().SelectMany(p => p.ToArray<float>()).ToArray();

    [Fact]
    public void SaveThenLoadRestoresEveryParameterExactly()
    {
        torch.manual_seed(1);
        using var a = Mlp();
        using var b = Mlp();
        Assert.NotEqual(Flat(a), Flat(b));
        string path = Path.Combine(folder, "mlp.safetensors");
        Checkpoint.SaveWeights(a, path, new Dictionary<string, string> { ["note"] = "test" });
        Checkpoint.LoadWeights(b, path);
        Assert.Equal(Flat(a), Flat(b));
        Assert.Equal("test", SafeTensors.ReadHeader(path).Metadata["note"]);
    }

    [Fact]
    public void LoadingIntoAnotherShapeNamesTheTensorAndBothShapes()
    {
        using var a = Mlp();
        using var wide = nn.Sequential(nn.Linear(4, 16), nn.Tanh(), nn.Linear(16, 3));
        string path = Path.Combine(folder, "mlp.safetensors");
        Checkpoint.SaveWeights(a, path);
        float[] before = Flat(wide);
        var e = Assert.ThrowsAny<Exception>(() => Checkpoint.LoadWeights(wide, path));
        Assert.Contains("0.weight", e.Message);
        Assert.Contains("[8, 4]", e.Message);
        Assert.Contains("[16, 4]", e.Message);
        Assert.Equal(before, Flat(wide));
    }

    [Fact]
    public void OptimizerStateSurvivesASaveLoadAndTrainingResumesIdentically()
    {
        using var x = torch.randn(16, 4);
        using var y = torch.randn(16, 3);
        void Step(nn.Module m, optim.Optimizer opt)
        {
            using var scope = torch.NewDisposeScope();
            opt.zero_grad();
            nn.functional.mse_loss(((Sequential)m).call(x), y).backward();
            opt.step();
        }

        torch.manual_seed(2);
        using var straight = Mlp();
        using var optStraight = optim.Adam(straight.parameters(), lr: 1e-2);
        for (int k = 0; k < 6; ++k) Step(straight, optStraight);

        torch.manual_seed(2);
        using var first = Mlp();
        using var optFirst = optim.Adam(first.parameters(), lr: 1e-2);
        for (int k = 0; k < 3; ++k) Step(first, optFirst);
        string model = Path.Combine(folder, "m.safetensors"), opt = Path.Combine(folder, "o.safetensors");
        Checkpoint.SaveWeights(first, model);
        Checkpoint.SaveOptimizer(optFirst, opt);

        using var resumed = Mlp();
        Checkpoint.LoadWeights(resumed, model);
        using var optResumed = optim.Adam(resumed.parameters(), lr: 1e-2);
        Checkpoint.LoadOptimizer(optResumed, opt);
        for (int k = 0; k < 3; ++k) Step(resumed, optResumed);

        Assert.Equal(Flat(straight), Flat(resumed));
    }

    [Fact]
    public void LoadOrTrainTrainsOnceThenLoads()
    {
        var config = new Dictionary<string, string> { ["model"] = "mlp", ["seed"] = "3" };
        string path = Path.Combine(folder, "ae.safetensors");
        int trainings = 0;

        torch.manual_seed(3);
        using var a = Mlp();
        CheckpointResult r1 = Checkpoint.LoadOrTrain(path, config, a, () =>
        {
            trainings++;
            using (torch.no_grad()) foreach (Tensor p in a.parameters()) p.add_(1.0);
        });
        Assert.False(r1.Loaded);
        Assert.True(File.Exists(r1.Path));

        using var b = Mlp();
        CheckpointResult r2 = Checkpoint.LoadOrTrain(path, config, b, () => trainings++);
        Assert.True(r2.Loaded);
        Assert.Equal(r1.Path, r2.Path);
        Assert.Equal(1, trainings);
        Assert.Equal(Flat(a), Flat(b));

        var other = new Dictionary<string, string> { ["model"] = "mlp", ["seed"] = "4" };
        using var c = Mlp();
        CheckpointResult r3 = Checkpoint.LoadOrTrain(path, other, c, () => trainings++);
        Assert.False(r3.Loaded);
        Assert.NotEqual(r1.Path, r3.Path);
        Assert.Equal(2, trainings);
    }
}
