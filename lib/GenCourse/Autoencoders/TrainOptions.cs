using System.Globalization;

namespace GenCourse.Autoencoders;

/// <summary>How <see cref="AutoencoderTrainer"/> trains: Adam (Kingma and Ba 2015) on shuffled mini-batches.</summary>
public sealed record TrainOptions
{
    /// <summary>Passes over the training set (default 10).</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Images per step (default 128).</summary>
    public int BatchSize { get; init; } = 128;

    /// <summary>Adam's step size (default 1e-3).</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Seeds the shuffling, so a run sees the same batches (default 0). Seed the weights with <c>torch.manual_seed</c> before building the model.</summary>
    public ulong Seed { get; init; }

    /// <summary>
    /// Before the first step, set the decoder's output bias from the training images' mean pixel
    /// (<see cref="Autoencoder.InitializeOutputBias"/>; default true). It keeps a sigmoid decoder
    /// from dying in the first steps (<see cref="OutputBias"/>). Set it to false when calling
    /// <see cref="AutoencoderTrainer.Train"/> again to continue training a model.
    /// </summary>
    public bool OutputBiasFromData { get; init; } = true;

    /// <summary>Throws when a setting is out of range.</summary>
    public void Validate()
    {
        if (Epochs < 0) throw new ArgumentException($"Epochs must be ≥ 0 (got {Epochs})");
        if (BatchSize < 1) throw new ArgumentException($"BatchSize must be ≥ 1 (got {BatchSize})");
        if (!(LearningRate > 0) || double.IsInfinity(LearningRate)) throw new ArgumentException($"LearningRate must be a finite number > 0 (got {LearningRate})");
    }

    /// <summary>The settings as text, for a checkpoint's configuration.</summary>
    public Dictionary<string, string> ToConfig() => new()
    {
        ["epochs"] = Epochs.ToString(CultureInfo.InvariantCulture),
        ["batch_size"] = BatchSize.ToString(CultureInfo.InvariantCulture),
        ["lr"] = LearningRate.ToString("R", CultureInfo.InvariantCulture),
        ["shuffle_seed"] = Seed.ToString(CultureInfo.InvariantCulture),
        ["output_bias_from_data"] = OutputBiasFromData ? "true" : "false",
    };
}
