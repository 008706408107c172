using GenCourse.Training;

namespace GenCourse.Autoencoders;

/// <summary>What <see cref="AutoencoderTrainer.LoadOrTrain"/> did: the history (trained now or read back) and the checkpoint it used.</summary>
public sealed record TrainingRun(TrainingHistory History, CheckpointResult Checkpoint)
{
    public override string ToString() => $"{Checkpoint}; {History}";
}
