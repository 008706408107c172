using System.Text.Json;
using System.Text.Json.Serialization;
using GenCourse.Checkpoints;

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

    /// <summary>Writes the history as JSON to <paramref name="path"/>, atomically (kept beside a checkpoint so a loaded model still has its curves).</summary>
    public void Save(string path)
    {
        var file = new HistoryFile(StepsPerEpoch, Elapsed.TotalSeconds, stepLoss, stepReconstruction, stepPenalty,
            epochs.Select(e => new EpochFile(e.Epoch, e.Loss, e.Reconstruction, e.Penalty, e.TestMsePerPixel, e.Elapsed.TotalSeconds)).ToList());
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(file, JsonOptions);
        AtomicFile.WriteAllBytes(path, json);
    }

    /// <summary>Reads a history written by <see cref="Save"/>; a missing or unreadable file is an error naming it.</summary>
    public static TrainingHistory Load(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"no training history at {path}", path);
        HistoryFile? file;
        try
        {
            file = JsonSerializer.Deserialize<HistoryFile>(File.ReadAllBytes(path), JsonOptions);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"the training history {path} is not readable ({e.Message}); delete it and its checkpoint to train again", e);
        }
        if (file is null || file.StepLoss.Count != file.StepReconstruction.Count || file.StepLoss.Count != file.StepPenalty.Count)
            throw new InvalidDataException($"the training history {path} is incomplete; delete it and its checkpoint to train again");
        var history = new TrainingHistory { StepsPerEpoch = file.StepsPerEpoch, Elapsed = TimeSpan.FromSeconds(file.ElapsedSeconds) };
        history.stepLoss.AddRange(file.StepLoss);
        history.stepReconstruction.AddRange(file.StepReconstruction);
        history.stepPenalty.AddRange(file.StepPenalty);
        foreach (EpochFile e in file.Epochs)
            history.epochs.Add(new EpochRecord(e.Epoch, e.Loss, e.Reconstruction, e.Penalty, e.TestMsePerPixel, TimeSpan.FromSeconds(e.ElapsedSeconds)));
        return history;
    }

    // NaN marks "no penalty" and "no test set", so named floating-point literals are allowed.
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    private sealed record EpochFile(int Epoch, double Loss, double Reconstruction, double Penalty, double TestMsePerPixel, double ElapsedSeconds);

    private sealed record HistoryFile(long StepsPerEpoch, double ElapsedSeconds, List<double> StepLoss, List<double> StepReconstruction,
        List<double> StepPenalty, List<EpochFile> Epochs);

    public override string ToString() =>
        epochs.Count == 0 ? "no epochs" : $"{epochs.Count} epochs, {stepLoss.Count} steps, {Elapsed.TotalMinutes:F1} min; last: {epochs[^1]}";
}
