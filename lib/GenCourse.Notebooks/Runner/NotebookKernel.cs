namespace GenCourse.Notebooks.Runner;

/// <summary>
/// The helpers a cell sees unqualified, as .NET Interactive's <c>Microsoft.DotNet.Interactive.Kernel</c>
/// provides them: <c>display(x)</c> and <c>HTML("…")</c>. The runner imports this class
/// (<c>using static</c>) in every cell; notebooks never name it, so the same source runs
/// under Polyglot, where its own <c>Kernel</c> supplies these names.
/// </summary>
public static class NotebookKernel
{
    private static readonly AsyncLocal<CellCapture?> Current = new();
    private static volatile CellCapture? lastStarted;

    /// <summary>The cell running on this logical flow (console writes go there).</summary>
    internal static CellCapture? Capture => Current.Value;

    /// <summary>Called on the cell's own flow before its code runs.</summary>
    internal static void Enter(CellCapture capture)
    {
        Current.Value = capture;
        lastStarted = capture;
    }

    /// <summary>Called when a run ends, so that a later run's display cannot reach it.</summary>
    internal static void Leave(RunSession session)
    {
        if (lastStarted?.Session == session) lastStarted = null;
    }

    /// <summary>Shows <paramref name="value"/> in the cell's output: its formatters' MIME types (or <paramref name="mimeTypes"/>) plus text/plain.</summary>
    public static DisplayedValue display(object? value, params string[] mimeTypes) =>
        // A thread that did not flow the async context (a raw thread-pool item) falls back
        // to the cell started last.
        (Capture ?? lastStarted ?? throw new InvalidOperationException("display() was called outside a running notebook cell."))
            .Display(value, mimeTypes);

    /// <summary>HTML to display as text/html.</summary>
    public static HtmlContent HTML(string content) => new(content);
}
