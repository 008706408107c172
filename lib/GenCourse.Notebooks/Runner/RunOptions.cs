using GenCourse.Notebooks.Runner.Parameters;

namespace GenCourse.Notebooks.Runner;

/// <summary>How to run a notebook: parameter overrides and time limits (null: none).</summary>
public sealed record RunOptions
{
    public ParameterOverrides Parameters { get; init; } = new();

    /// <summary>The most one cell may take; the run stops at a cell that takes longer.</summary>
    public TimeSpan? CellTimeout { get; init; }

    /// <summary>The most the whole run may take.</summary>
    public TimeSpan? RunTimeout { get; init; }

    /// <summary>Where <c>#r "nuget:"</c> restores are cached (default: <c>.nbcache</c> beside the notebook).</summary>
    public string? NuGetCache { get; init; }
}
