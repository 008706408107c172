using System.Diagnostics;
using System.Globalization;
using Microsoft.CodeAnalysis;

namespace GenCourse.Notebooks.Runner;

/// <summary>
/// Turns a cell's compile errors or exception into an nbformat <c>error</c> output and a
/// <see cref="CellFailure"/>, with the line inside the cell. Tracebacks name the cell's file
/// relative to the notebook and stop at the runner's own frames, so they do not depend on
/// where the repository lives.
/// </summary>
internal static class ErrorReport
{
    public static (CellOutput Output, CellFailure Failure) FromDiagnostics(NotebookCell cell, string cellFile, IReadOnlyList<Diagnostic> errors)
    {
        string Describe(Diagnostic d)
        {
            FileLinePositionSpan span = d.Location.GetLineSpan();
            string where = span.IsValid ? $"({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1})" : "";
            string file = span.IsValid && span.Path != cellFile ? Path.GetFileName(span.Path) : "";
            return $"{file}{where}: error {d.Id}: {d.GetMessage(CultureInfo.InvariantCulture)}";
        }

        Diagnostic first = errors[0];
        FileLinePositionSpan firstSpan = first.Location.GetLineSpan();
        int? line = firstSpan.IsValid && firstSpan.Path == cellFile ? firstSpan.StartLinePosition.Line + 1 : null;
        string message = $"error {first.Id}: {first.GetMessage(CultureInfo.InvariantCulture)}";
        if (firstSpan.IsValid && firstSpan.Path != cellFile)
            message += $" (in {Path.GetFileName(firstSpan.Path)}, line {firstSpan.StartLinePosition.Line + 1})";
        var output = new CellOutput.Error("CompilationError", Describe(first), errors.Select(Describe).ToList());
        return (output, new CellFailure(cell.Number, cell.Id, line, message));
    }

    public static (CellOutput Output, CellFailure Failure) FromException(NotebookCell cell, string cellFile, Exception exception)
    {
        Exception shown = Unwrap(exception);
        int? line = LineInCell(shown, cellFile);
        string typeName = shown.GetType().FullName ?? shown.GetType().Name;
        var output = new CellOutput.Error(typeName, shown.Message, Traceback(shown, Path.GetDirectoryName(cellFile)!));
        return (output, new CellFailure(cell.Number, cell.Id, line, $"{shown.GetType().Name}: {shown.Message}"));
    }

    public static (CellOutput Output, CellFailure Failure) FromTimeout(NotebookCell cell, string message)
    {
        var output = new CellOutput.Error(typeof(TimeoutException).FullName!, message, [$"{typeof(TimeoutException).FullName}: {message}"]);
        return (output, new CellFailure(cell.Number, cell.Id, null, message, TimedOut: true));
    }

    public static (CellOutput Output, CellFailure Failure) FromMessage(NotebookCell cell, int? line, string name, string message)
    {
        var output = new CellOutput.Error(name, message, [$"{name}: {message}"]);
        return (output, new CellFailure(cell.Number, cell.Id, line, message));
    }

    private static Exception Unwrap(Exception e)
    {
        while (e is AggregateException { InnerExceptions.Count: 1 } or System.Reflection.TargetInvocationException && e.InnerException is not null)
            e = e.InnerException!;
        return e;
    }

    /// <summary>The innermost frame of the trace that lies in the cell's own code.</summary>
    private static int? LineInCell(Exception e, string cellFile)
    {
        foreach (StackFrame frame in new StackTrace(e, fNeedFileInfo: true).GetFrames())
            if (frame.GetFileName() == cellFile && frame.GetFileLineNumber() > 0) return frame.GetFileLineNumber();
        return null;
    }

    private static List<string> Traceback(Exception e, string notebookDir)
    {
        string prefix = notebookDir.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        var lines = new List<string>();
        foreach (string raw in e.ToString().Replace("\r\n", "\n").Split('\n'))
        {
            // Below the cell come Roslyn's script executor and the runner: not the reader's code.
            if (raw.TrimStart().StartsWith("at Microsoft.CodeAnalysis.Scripting.", StringComparison.Ordinal)) break;
            lines.Add(raw.Replace(prefix, ""));
        }
        while (lines.Count > 0 && lines[^1].TrimStart().StartsWith("--- End of stack trace", StringComparison.Ordinal)) lines.RemoveAt(lines.Count - 1);
        return lines;
    }
}
