namespace GenCourse.Notebooks.Runner;

/// <summary>An executed notebook and what the run found: its failure if any, figures, metrics, time.</summary>
public sealed record RunResult(
    Notebook Executed,
    CellFailure? Failure,
    IReadOnlyList<Figure> Figures,
    IReadOnlyList<KeyValuePair<string, double>> Metrics,
    TimeSpan Duration)
{
    public bool Succeeded => Failure is null;
}
