namespace GenCourse.Notebooks.Runner;

/// <summary>Where and why a run stopped: a compile error, an exception or a timeout in one cell.</summary>
public sealed record CellFailure(int CellNumber, string? CellId, int? Line, string Message, bool TimedOut = false)
{
    /// <summary><c>cell 4 (id train), line 7: InvalidOperationException: …</c></summary>
    public override string ToString()
    {
        string cell = CellId is null ? $"cell {CellNumber}" : $"cell {CellNumber} (id {CellId})";
        return Line is int line ? $"{cell}, line {line}: {Message}" : $"{cell}: {Message}";
    }
}
