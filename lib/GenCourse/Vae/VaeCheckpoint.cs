using TorchSharp;
using static TorchSharp.torch;
using GenCourse.Engine;
using GenCourse.Training;

namespace GenCourse.Vae;

/// <summary>
/// Load-or-train for a <see cref="Vae"/> that keeps its training curves: the checkpoint holds the
/// model's state dict and, under the key <see cref="HistoryKey"/>, the per-epoch records as a
/// float64 tensor [epochs, 6] (epoch, loss, reconstruction, KL, steps, seconds). A notebook
/// re-run then loads the weights and still plots the loss curves. The configuration rules are
/// <see cref="Checkpoint.LoadOrTrain(string, IReadOnlyDictionary{string, string}, Func{IReadOnlyDictionary{string, Tensor}}, Action{IReadOnlyDictionary{string, Tensor}})"/>'s:
/// the model's <see cref="VaeOptions.ToConfig"/> is added to the configuration given, so another
/// architecture never loads silently.
/// </summary>
public static class VaeCheckpoint
{
    /// <summary>The state-dict key of the training history.</summary>
    public const string HistoryKey = "training_history";

    private const int Columns = 6;

    /// <summary>
    /// Loads <paramref name="vae"/>'s weights and history from the checkpoint for
    /// <paramref name="config"/> if it exists; otherwise runs <paramref name="train"/> (which trains
    /// <paramref name="vae"/> and returns its history) and saves both.
    /// </summary>
    public static VaeTrainingRun LoadOrTrain(string path, IReadOnlyDictionary<string, string> config, Vae vae,
        Func<IReadOnlyList<VaeEpochRecord>> train)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(vae);
        ArgumentNullException.ThrowIfNull(train);
        var full = new Dictionary<string, string>(config);
        foreach ((string key, string value) in vae.Options.ToConfig()) full[key] = value;

        IReadOnlyList<VaeEpochRecord> history = [];
        Tensor? historyTensor = null;
        try
        {
            CheckpointResult result = Checkpoint.LoadOrTrain(path, full,
                () =>
                {
                    history = train() ?? throw new InvalidOperationException("the train function returned no history");
                    historyTensor = ToTensor(history);
                    var saved = new Dictionary<string, Tensor>(vae.state_dict()) { [HistoryKey] = historyTensor };
                    return saved;
                },
                loaded =>
                {
                    if (!loaded.TryGetValue(HistoryKey, out Tensor? h) || h is null)
                        throw new InvalidOperationException($"the checkpoint has no '{HistoryKey}' tensor: it was not written by VaeCheckpoint. Delete it to train again.");
                    history = FromTensor(h);
                    vae.load_state_dict(loaded.Where(e => e.Key != HistoryKey).ToDictionary(e => e.Key, e => e.Value));
                });
            return new VaeTrainingRun(history, result);
        }
        finally
        {
            historyTensor?.Dispose();
        }
    }

    // [epochs, 6]: epoch, loss, reconstruction, KL, steps, seconds
    private static Tensor ToTensor(IReadOnlyList<VaeEpochRecord> history)
    {
        var values = new double[Math.Max(1, history.Count) * Columns];
        for (int i = 0; i < history.Count; ++i)
        {
            VaeEpochRecord r = history[i];
            double[] row = [r.Epoch, r.Loss, r.ReconstructionLoss, r.Kl, r.Steps, r.Seconds];
            row.CopyTo(values, i * Columns);
        }
        // An empty history is stored as one row of NaN (safetensors has no zero-row tensors to rely on).
        if (history.Count == 0) Array.Fill(values, double.NaN);
        return torch.tensor(values, new long[] { Math.Max(1, history.Count), Columns }, ScalarType.Float64).DetachFromDisposeScope();
    }

    private static IReadOnlyList<VaeEpochRecord> FromTensor(Tensor t)
    {
        if (t.dim() != 2 || t.size(1) != Columns)
            throw new InvalidOperationException($"'{HistoryKey}' has shape [{string.Join(", ", t.shape)}], not [epochs, {Columns}]; delete the checkpoint to train again.");
        using Tensor cpu = t.to(ScalarType.Float64, CPU);
        double[] v = cpu.ToArray<double>();
        var records = new List<VaeEpochRecord>();
        for (int i = 0; i < t.size(0); ++i)
        {
            int o = i * Columns;
            if (double.IsNaN(v[o])) continue;
            records.Add(new VaeEpochRecord((int)v[o], v[o + 1], v[o + 2], v[o + 3], (long)v[o + 4], v[o + 5]));
        }
        return records;
    }
}
