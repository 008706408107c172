namespace GenCourse.Training;

/// <summary>What <c>Checkpoint.LoadOrTrain</c> did: the file it used and whether it loaded it (true) or trained and saved it (false).</summary>
public sealed record CheckpointResult(string Path, bool Loaded)
{
    public override string ToString() => Loaded ? $"loaded {Path}" : $"trained and saved {Path}";
}
