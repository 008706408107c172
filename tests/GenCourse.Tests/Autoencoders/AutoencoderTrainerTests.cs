using GenCourse.Autoencoders;
using GenCourse.Data;
using GenCourse.Tests.Data;
using static GenCourse.Tests.Autoencoders.Numerics;

namespace GenCourse.Tests.Autoencoders;

/// <summary>Tests that read the process-wide live-tensor count run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AutoencoderLiveTensorCollection
{
    public const string Name = "Autoencoders: live tensors";
}

[Collection(AutoencoderLiveTensorCollection.Name)]
public class AutoencoderTrainerTests
{
    internal static readonly AutoencoderOptions Small = new() { LatentSize = 4, InputShape = new long[] { 1, 8, 8 }, HiddenSizes = new[] { 32 } };

    /// <summary>N images of 8×8 that lie near a 2-D family (so an AE can learn them), with dummy labels.</summary>
    internal static ImageDataset Blobs(long n, long seed)
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(seed);
        Tensor grid = torch.linspace(0, 1, 8);
        Tensor cx = torch.rand(n, 1, 1, 1), cy = torch.rand(n, 1, 1, 1);
        Tensor images = (-((grid.view(1, 1, 1, 8) - cx).square() + (grid.view(1, 1, 8, 1) - cy).square()) * 20).exp();
        return new ImageDataset("blobs", images.detach(), torch.zeros(new[] { n }, ScalarType.Int64), new[] { "blob" });
    }

    [Fact]
    public void RecordsEveryStepAndEpochAndTheLossFalls()
    {
        using ImageDataset train = Blobs(300, 81), test = Blobs(100, 82);
        torch.manual_seed(83);
        using var model = new Autoencoder(Small);
        var seen = new List<EpochRecord>();
        // From PyTorch's default init (x̂ ≈ ½ everywhere), so that the loss has far to fall in 20 steps.
        var options = new TrainOptions { Epochs = 4, BatchSize = 64, LearningRate = 3e-3, OutputBiasFromData = false };
        TrainingHistory history = AutoencoderTrainer.Train(model, train, options, test, seen.Add);

        Assert.Equal(5, history.StepsPerEpoch);                    // ⌈300 / 64⌉
        Assert.Equal(20, history.StepLoss.Count);
        Assert.Equal(4, history.Epochs.Count);
        Assert.Equal(history.Epochs, seen);
        Assert.All(history.StepPenalty, p => Assert.True(double.IsNaN(p)));
        Assert.Equal(history.StepLoss.Take(5).Average(), history.Epochs[0].Loss, 10);
        Assert.True(history.Epochs[^1].Loss < 0.7 * history.Epochs[0].Loss, history.ToString());
        Assert.Equal(AutoencoderTrainer.MsePerPixel(model, test.Images), history.Epochs[^1].TestMsePerPixel, 10);
        Assert.False(model.training, "the trainer leaves the model in evaluation mode");
    }

    [Fact]
    public void StartsTheDecoderAtTheMeanPixelUnlessToldNotTo()
    {
        using ImageDataset train = Blobs(64, 86);
        double FirstStepLoss(bool fromData)
        {
            torch.manual_seed(87);
            using var model = new Autoencoder(Small);
            var options = new TrainOptions { Epochs = 1, BatchSize = 64, OutputBiasFromData = fromData };
            return AutoencoderTrainer.Train(model, train, options).StepLoss[0];
        }
        // The same weights and batch: a start at x̄ (the blobs are mostly dark) beats a start at x̂ ≈ ½.
        double fromData = FirstStepLoss(true), fromDefault = FirstStepLoss(false);
        Assert.True(fromData < 0.5 * fromDefault, $"first-step loss {fromData:F3} with the bias from the data, {fromDefault:F3} without");
        Assert.Equal("true", new TrainOptions().ToConfig()["output_bias_from_data"]);
    }

    [Fact]
    public void RecordsThePenaltyOfARegularisedModel()
    {
        using ImageDataset train = Blobs(64, 84);
        torch.manual_seed(85);
        using var model = new SparseAutoencoder(Small with { LatentActivation = Activation.Sigmoid }, new SparsityOptions { Target = 0.1, Weight = 0.5 });
        TrainingHistory history = AutoencoderTrainer.Train(model, train, new TrainOptions { Epochs = 1, BatchSize = 32 });
        Assert.Equal(2, history.StepPenalty.Count);
        for (int s = 0; s < 2; ++s)
            Assert.Equal(history.StepReconstruction[s] + 0.5 * history.StepPenalty[s], history.StepLoss[s], 1e-4 * history.StepLoss[s]);
    }

    [Fact]
    public void MsePerPixelIsTheMeanSquaredErrorOverAllValues()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(86);
        using var model = new Autoencoder(Small);
        Tensor x = torch.rand(7, 1, 8, 8);
        double expected;
        using (torch.no_grad()) expected = Scalar((model.call(x).Reconstruction - x).square().mean());
        Assert.Equal(expected, AutoencoderTrainer.MsePerPixel(model, x, batchSize: 3), 6);

        // Against other targets: the reconstruction of x compared with t.
        Tensor t = torch.rand(7, 1, 8, 8);
        using (torch.no_grad()) expected = Scalar((model.call(x).Reconstruction - t).square().mean());
        Assert.Equal(expected, AutoencoderTrainer.MsePerPixel(model, x, targets: t, batchSize: 4), 6);
        Assert.Contains("shape", Assert.Throws<ArgumentException>(() => AutoencoderTrainer.MsePerPixel(model, x, targets: torch.rand(6, 1, 8, 8))).Message);
    }

    [Fact]
    public void TrainingLeavesNoTensorsBehind()
    {
        using ImageDataset train = Blobs(100, 87);
        torch.manual_seed(88);
        using var model = new ContractiveAutoencoder(Small with { HiddenSizes = Array.Empty<int>(), LatentActivation = Activation.Sigmoid },
            new ContractiveOptions { Method = JacobianMethod.Autograd, Weight = 0.1 });
        AutoencoderTrainer.Train(model, train, new TrainOptions { Epochs = 1, BatchSize = 50 }, train);   // warm-up: optimizer state is freed with it
        long baseline = Tensor.TotalCount;
        AutoencoderTrainer.Train(model, train, new TrainOptions { Epochs = 2, BatchSize = 32 }, train);
        AutoencoderTrainer.MsePerPixel(model, train.Images);
        Assert.Equal(baseline, Tensor.TotalCount);
    }

    [Fact]
    public void DataOfAnotherShapeIsAClearError()
    {
        using ImageDataset train = Blobs(10, 89);
        using var model = new Autoencoder(AutoencoderOptions.Mlp(4));
        var e = Assert.Throws<ArgumentException>(() => AutoencoderTrainer.Train(model, train, new TrainOptions()));
        Assert.Contains("784 values", e.Message);
        Assert.Contains("BatchSize", Assert.Throws<ArgumentException>(() => AutoencoderTrainer.Train(model, train, new TrainOptions { BatchSize = 0 })).Message);
    }

    [Fact]
    public void LoadOrTrainTrainsOnceThenLoadsTheSameWeightsAndHistory()
    {
        using var folder = new TempFolder();
        using ImageDataset train = Blobs(96, 92);
        string path = Path.Combine(folder.Path, "blobs-ae.safetensors");
        var options = new TrainOptions { Epochs = 2, BatchSize = 32 };

        torch.manual_seed(93);
        using var first = new SparseAutoencoder(Small with { LatentActivation = Activation.Sigmoid }, new SparsityOptions { Weight = 0.2 });
        TrainingRun trained = AutoencoderTrainer.LoadOrTrain(first, train, options, path);
        Assert.False(trained.Checkpoint.Loaded);
        Assert.True(File.Exists(trained.Checkpoint.Path));

        torch.manual_seed(94);   // other initial weights: loading must overwrite them
        using var second = new SparseAutoencoder(Small with { LatentActivation = Activation.Sigmoid }, new SparsityOptions { Weight = 0.2 });
        TrainingRun loaded = AutoencoderTrainer.LoadOrTrain(second, train, options, path);
        Assert.True(loaded.Checkpoint.Loaded);
        Assert.Equal(trained.Checkpoint.Path, loaded.Checkpoint.Path);
        Assert.Equal(trained.History.StepLoss, loaded.History.StepLoss);
        Assert.Equal(AutoencoderTrainer.MsePerPixel(first, train.Images), AutoencoderTrainer.MsePerPixel(second, train.Images), 12);

        // Another penalty weight is another configuration: a new file, trained afresh.
        using var third = new SparseAutoencoder(Small with { LatentActivation = Activation.Sigmoid }, new SparsityOptions { Weight = 0.3 });
        TrainingRun other = AutoencoderTrainer.LoadOrTrain(third, train, options, path);
        Assert.False(other.Checkpoint.Loaded);
        Assert.NotEqual(trained.Checkpoint.Path, other.Checkpoint.Path);
    }

    [CudaFact]
    public void TrainsOnTheGpu()
    {
        using ImageDataset train = Blobs(256, 90);
        torch.manual_seed(91);
        var cuda = torch.device("cuda");
        using var model = new DenoisingAutoencoder(Small, new CorruptionOptions { Level = 0.1 }, cuda);
        TrainingHistory history = AutoencoderTrainer.Train(model, train, new TrainOptions { Epochs = 3, BatchSize = 64, LearningRate = 3e-3 }, train);
        Assert.True(model.Device.type == DeviceType.CUDA);
        Assert.True(history.Epochs[^1].Loss < history.Epochs[0].Loss);
        Assert.True(double.IsFinite(history.Epochs[^1].TestMsePerPixel));
    }
}
