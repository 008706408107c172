using GenCourse.Training;

namespace GenCourse.Vae;

/// <summary>What <see cref="VaeCheckpoint.LoadOrTrain"/> did: the per-epoch history (trained now or read from the file) and the checkpoint it used.</summary>
public sealed record VaeTrainingRun(IReadOnlyList<VaeEpochRecord> History, CheckpointResult Checkpoint)
{
    public override string ToString() => $"{Checkpoint} ({History.Count} epochs of history)";
}
