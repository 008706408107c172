namespace GenCourse.Torch.Tests;

/// <summary>
/// Tests that read process-wide state (the live-tensor count, the global random generator)
/// run in this collection: xunit runs it after the parallel collections, one test at a time.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialCollection
{
    public const string Name = "Serial (process-wide state)";
}
