namespace GenCourse.Autoencoders;

/// <summary>What <see cref="AutoencoderTrainer.Train"/> recorded: every step's losses and a summary per epoch.</summary>
public sealed class TrainingHistory
{
    private readonly List<double> stepLoss = new();
    private readonly List<double> stepReconstruction = new();
    private readonly List<double> stepPenalty = new();
    private readonly List<EpochRecord> epochs = new();

    /// <summary>The total loss of each step, in order.</summary>
    public IReadOnlyList<double> StepLoss => stepLoss;

    /// <summary>L_AE of each step.</summary>
    public IReadOnlyList<double> StepReconstruction => stepReconstruction;

    /// <summary>The penalty of each step before its weight (NaN for a model without one).</summary>
    public IReadOnlyList<double> StepPenalty => stepPenalty;

    /// <summary>One record per finished epoch.</summary>
    public IReadOnlyList<EpochRecord> Epochs => epochs;

    /// <summary>Steps per epoch.</summary>
    public long StepsPerEpoch { get; internal set; }

    /// <summary>Wall-clock time of the whole run.</summary>
    public TimeSpan Elapsed { get; internal set; }

    internal void AddSteps(double[] loss, double[] reconstruction, double[]? penalty)
    {
        stepLoss.AddRange(loss);
        stepReconstruction.AddRange(reconstruction);
        stepPenalty.AddRange(penalty ?? Enumerable.Repeat(double.NaN, loss.Length));
    }

    internal void AddEpoch(EpochRecord record) => epochs.Add(record);

    public override string ToString() =>
        epochs.Count == 0 ? "no epochs" : $"{epochs.Count} epochs, {stepLoss.Count} steps, {Elapsed.TotalMinutes:F1} min; last: {epochs[^1]}";
}
