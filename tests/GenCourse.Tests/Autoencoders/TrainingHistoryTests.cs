using GenCourse.Autoencoders;
using GenCourse.Tests.Data;

namespace GenCourse.Tests.Autoencoders;

public class TrainingHistoryTests
{
    [Fact]
    public void SaveAndLoadGiveBackEveryStepAndEpochIncludingNaN()
    {
        using var folder = new TempFolder();
        using var train = AutoencoderTrainerTests.Blobs(64, 101);
        torch.manual_seed(102);
        using var model = new Autoencoder(AutoencoderTrainerTests.Small);
        TrainingHistory history = AutoencoderTrainer.Train(model, train, new TrainOptions { Epochs = 2, BatchSize = 32 }, train);
        string path = Path.Combine(folder.Path, "run.history.json");
        history.Save(path);
        TrainingHistory back = TrainingHistory.Load(path);

        Assert.Equal(history.StepLoss, back.StepLoss);
        Assert.Equal(history.StepReconstruction, back.StepReconstruction);
        Assert.All(back.StepPenalty, p => Assert.True(double.IsNaN(p)));
        Assert.Equal(history.StepsPerEpoch, back.StepsPerEpoch);
        Assert.Equal(history.Epochs.Count, back.Epochs.Count);
        Assert.Equal(history.Epochs[1].TestMsePerPixel, back.Epochs[1].TestMsePerPixel);
        Assert.Equal(history.Epochs[1].Elapsed.TotalSeconds, back.Epochs[1].Elapsed.TotalSeconds, 6);
    }

    [Fact]
    public void ADamagedFileIsAClearError()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "bad.history.json");
        File.WriteAllText(path, "{\"steps_per_epoch\": 3, \"step_loss\": [1, 2");
        var e = Assert.Throws<InvalidDataException>(() => TrainingHistory.Load(path));
        Assert.Contains("delete it", e.Message);
        Assert.Throws<FileNotFoundException>(() => TrainingHistory.Load(Path.Combine(folder.Path, "none.json")));
    }
}
