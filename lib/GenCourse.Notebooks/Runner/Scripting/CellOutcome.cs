using Microsoft.CodeAnalysis;

namespace GenCourse.Notebooks.Runner.Scripting;

/// <summary>What running one cell gave: a value (or none), compile errors, or an exception.</summary>
internal sealed record CellOutcome(bool HasValue, object? Value, IReadOnlyList<Diagnostic> Errors, Exception? Exception)
{
    public static CellOutcome CompileFailed(IReadOnlyList<Diagnostic> errors) => new(false, null, errors, null);

    public static CellOutcome Threw(Exception exception) => new(false, null, [], exception);

    public static CellOutcome Completed(bool hasValue, object? value) => new(hasValue, value, [], null);

    public bool Succeeded => Errors.Count == 0 && Exception is null;
}
