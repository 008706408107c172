using System.Diagnostics;
using GenCourse.Data;
using TorchSharp;

using static TorchSharp.torch;
using GenCourse.Engine;
using GenCourse.Training;

namespace GenCourse.Autoencoders;

/// <summary>
/// The training loop every autoencoder of the chapter shares: Adam on shuffled mini-batches of
/// the model's own <see cref="Autoencoder.Loss"/>, on whatever device the model lives on. Each
/// step runs inside a dispose scope; step losses stay on the device until the epoch ends, so a
/// GPU run synchronises once per epoch rather than once per step.
/// <code>
/// torch.manual_seed(0);
/// using var model = new Autoencoder(AutoencoderOptions.Conv(32), device);
/// TrainingHistory history = AutoencoderTrainer.Train(model, train, new TrainOptions { Epochs = 5 }, test);
/// double mse = AutoencoderTrainer.MsePerPixel(model, test.Images);
/// </code>
/// </summary>
public static class AutoencoderTrainer
{
    /// <summary>
    /// Trains <paramref name="model"/> in place on <paramref name="train"/> (batches are moved to
    /// the model's device) and returns the history. With <paramref name="test"/>, the test error
    /// per pixel is measured after each epoch. <paramref name="onEpoch"/> is called after each
    /// epoch (for progress displays).
    /// </summary>
    public static TrainingHistory Train(Autoencoder model, ImageDataset train, TrainOptions options, ImageDataset? test = null,
        Action<EpochRecord>? onEpoch = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        long inputSize = model.Options.InputSize;
        if (train.Images.numel() != train.Count * inputSize)
            throw new ArgumentException($"the model takes inputs of {inputSize} values, but {train.Name} has images of shape [{string.Join(", ", train.ImageShape)}]", nameof(train));

        Device device = model.Device;
        var loader = new DataLoader(train, options.BatchSize, shuffle: true, seed: options.Seed, device: device);
        var history = new TrainingHistory { StepsPerEpoch = loader.BatchCount };
        var clock = Stopwatch.StartNew();
        if (options.OutputBiasFromData && options.Epochs > 0) model.InitializeOutputBias(train.Images);
        using var optimizer = optim.Adam(model.parameters(), lr: options.LearningRate);
        for (int epoch = 0; epoch < options.Epochs; ++epoch)
        {
            model.train();
            EpochRecord record;
            using (torch.NewDisposeScope())
            {
                var losses = new List<Tensor>();
                var reconstructions = new List<Tensor>();
                var penalties = new List<Tensor>();
                long steps = 0;
                foreach (Batch batch in loader)
                {
                    using (batch)
                    {
                        // The forward pass's tensors are freed before the update, as in PyTorch.
                        using (torch.NewDisposeScope())
                        {
                            optimizer.zero_grad();
                            AutoencoderLoss loss = model.Loss(batch.Images);
                            loss.Total.backward();
                            losses.Add(loss.Total.detach().MoveToOuterDisposeScope());
                            reconstructions.Add(loss.Reconstruction.detach().MoveToOuterDisposeScope());
                            if (loss.Penalty is not null) penalties.Add(loss.Penalty.detach().MoveToOuterDisposeScope());
                        }
                        optimizer.step();
                    }
                    TrainingMemory.AfterStep(++steps);
                }
                double[] stepLoss = ToDoubles(losses);
                double[] stepReconstruction = ToDoubles(reconstructions);
                double[]? stepPenalty = penalties.Count == losses.Count && penalties.Count > 0 ? ToDoubles(penalties) : null;
                history.AddSteps(stepLoss, stepReconstruction, stepPenalty);
                double testMse = test is null ? double.NaN : MsePerPixel(model, test.Images);
                record = new EpochRecord(epoch, Mean(stepLoss), Mean(stepReconstruction), stepPenalty is null ? double.NaN : Mean(stepPenalty),
                    testMse, clock.Elapsed);
            }
            history.AddEpoch(record);
            onEpoch?.Invoke(record);
        }
        model.eval();
        history.Elapsed = clock.Elapsed;
        return history;
    }

    /// <summary>
    /// Trains once per configuration: if a checkpoint for this model, these options and this data
    /// exists under <paramref name="checkpointPath"/> (see <see cref="Checkpoint.LoadOrTrain(string, IReadOnlyDictionary{string, string}, nn.Module, Action)"/>),
    /// its weights are loaded and its history read back from the JSON file beside it; otherwise
    /// the model is trained with <see cref="Train"/> and both are saved. Re-running a notebook
    /// is then fast, and a change of any setting trains afresh. The model ends in evaluation mode.
    /// </summary>
    public static TrainingRun LoadOrTrain(Autoencoder model, ImageDataset train, TrainOptions options, string checkpointPath,
        ImageDataset? test = null, Action<EpochRecord>? onEpoch = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(options);
        Dictionary<string, string> config = model.ToConfig();
        foreach ((string key, string value) in options.ToConfig()) config[key] = value;
        config["data"] = train.Name;
        config["data_count"] = train.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        config["test_data"] = test is null ? "none" : $"{test.Name} ({test.Count})";
        string weights = Checkpoint.PathFor(checkpointPath, config);
        string historyPath = Path.ChangeExtension(weights, ".history.json");

        TrainingHistory? trained = null;
        CheckpointResult result = Checkpoint.LoadOrTrain(checkpointPath, config, model, () =>
        {
            trained = Train(model, train, options, test, onEpoch);
            trained.Save(historyPath);   // before the weights: weights without a history never exist
        });
        model.eval();
        if (trained is not null) return new TrainingRun(trained, result);
        if (!File.Exists(historyPath))
            throw new FileNotFoundException($"the weights {weights} were loaded but their training history {historyPath} is missing; delete the weights to train again", historyPath);
        return new TrainingRun(TrainingHistory.Load(historyPath), result);
    }

    /// <summary>
    /// The reconstruction error per pixel, (1/(N·D)) Σ_n ‖t_n − f_θ(g_φ(x_n))‖², of
    /// <paramref name="model"/> on <paramref name="images"/> x [N, …], against
    /// <paramref name="targets"/> t (default: the images themselves; pass the clean images to score
    /// a denoiser on corrupted ones). Evaluation mode, no gradients, in batches; nothing is corrupted here.
    /// </summary>
    public static double MsePerPixel(Autoencoder model, Tensor images, Tensor? targets = null, int batchSize = 1000)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(images);
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "the batch size must be at least 1");
        if (targets is not null && !targets.shape.SequenceEqual(images.shape))
            throw new ArgumentException($"targets [{string.Join(", ", targets.shape)}] must have the images' shape [{string.Join(", ", images.shape)}]", nameof(targets));
        bool wasTraining = model.training;
        model.eval();
        try
        {
            using var noGrad = torch.no_grad();
            using (torch.NewDisposeScope())
            {
                Device device = model.Device;
                long n = images.size(0);
                Tensor sum = torch.zeros(new long[] { 1 }, ScalarType.Float64, device);
                for (long start = 0; start < n; start += batchSize)
                {
                    long count = Math.Min(batchSize, n - start);
                    Tensor x = images.narrow(0, start, count).to(device);
                    Tensor t = targets is null ? x : targets.narrow(0, start, count).to(device);
                    Tensor xHat = model.call(x).Reconstruction;
                    sum = sum + Autoencoder.ReconstructionError(t, xHat).sum(ScalarType.Float64);
                }
                return sum.ToDouble() / (n * (double)model.Options.InputSize);
            }
        }
        finally
        {
            model.train(wasTraining);
        }
    }

    private static double[] ToDoubles(List<Tensor> values)
    {
        if (values.Count == 0) return Array.Empty<double>();
        using Tensor stacked = torch.stack(values.ToArray()).to(ScalarType.Float64);
        using Tensor onCpu = stacked.cpu();
        return onCpu.ToArray<double>();
    }

    private static double Mean(double[] values) => values.Length == 0 ? double.NaN : values.Average();
}
