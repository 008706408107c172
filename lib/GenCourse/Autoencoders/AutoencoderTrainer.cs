using System.Diagnostics;
using GenCourse.Data;
using GenCourse.Torch;

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
                foreach (Batch batch in loader)
                {
                    using (batch)
                    using (torch.NewDisposeScope())
                    {
                        optimizer.zero_grad();
                        AutoencoderLoss loss = model.Loss(batch.Images);
                        loss.Total.backward();
                        optimizer.step();
                        losses.Add(loss.Total.detach().MoveToOuterDisposeScope());
                        reconstructions.Add(loss.Reconstruction.detach().MoveToOuterDisposeScope());
                        if (loss.Penalty is not null) penalties.Add(loss.Penalty.detach().MoveToOuterDisposeScope());
                    }
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
    /// The reconstruction error per pixel, (1/(N·D)) Σ_n ‖x_n − f_θ(g_φ(x_n))‖², of
    /// <paramref name="model"/> on <paramref name="images"/> [N, …] (clean inputs; no corruption),
    /// in evaluation mode, without gradients, in batches.
    /// </summary>
    public static double MsePerPixel(Autoencoder model, Tensor images, int batchSize = 1000)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(images);
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "the batch size must be at least 1");
        bool wasTraining = model.training;
        model.eval();
        try
        {
            using GradModeScope noGrad = torch.no_grad();
            using (torch.NewDisposeScope())
            {
                Device device = model.Device;
                long n = images.size(0);
                Tensor sum = torch.zeros(new long[] { 1 }, ScalarType.Float64, device);
                for (long start = 0; start < n; start += batchSize)
                {
                    Tensor x = images.narrow(0, start, Math.Min(batchSize, n - start)).to(device);
                    Tensor xHat = model.call(x).Reconstruction;
                    sum = sum + Autoencoder.ReconstructionError(x, xHat).sum(ScalarType.Float64);
                }
                return sum.item<double>() / (n * (double)model.Options.InputSize);
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
