using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using GenCourse.Notebooks.Runner.Formatting;
using GenCourse.Notebooks.Runner.NuGet;
using GenCourse.Notebooks.Runner.Parameters;
using GenCourse.Notebooks.Runner.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace GenCourse.Notebooks.Runner;

/// <summary>
/// Runs a notebook's C# cells in order in one Roslyn script state and returns the executed
/// copy (the source notebook is not touched): outputs, execution counts, each cell's duration
/// in <c>metadata.gencourse.duration_s</c>, the run's metrics and status in
/// <c>metadata.gencourse</c>. The run stops at the first cell that fails to compile, throws
/// or runs past a time limit; the cells after it are left cleared.
/// </summary>
public static class NotebookRunner
{
    /// <summary>Runs <paramref name="source"/>, read from <paramref name="path"/> (its folder is the base for <c>#r</c>, <c>#load</c> and relative files).</summary>
    public static async Task<RunResult> RunAsync(Notebook source, string path, RunOptions options)
    {
        string fullPath = Path.GetFullPath(path);
        string notebookDir = Path.GetDirectoryName(fullPath)!;
        string name = Path.GetFileName(fullPath);
        Notebook notebook = source.Clone();

        // Everything that can be refused is refused before the first cell runs.
        foreach (NotebookCell cell in notebook.Cells.Where(c => c.IsCode && !c.IsCSharp))
            throw new NotebookFormatException($"{name}: {cell.Label} is a {cell.KernelName} cell; the runner runs C# cells only.");
        IReadOnlyList<ParameterValue> values = options.Parameters.Resolve(notebook, name);
        ParameterInjection.Apply(notebook, values);
        foreach (NotebookCell cell in notebook.Cells.Where(c => c.IsCode)) cell.ClearExecution();

        var clock = Stopwatch.StartNew();
        var session = new RunSession();
        var captures = new List<CellCapture>();
        CellFailure? failure = null;
        string previousDirectory = Environment.CurrentDirectory;
        ConsoleCapture.Install();
        try
        {
            // .NET Interactive runs with the notebook's folder as the working directory.
            Environment.CurrentDirectory = notebookDir;
            failure = await RunCellsAsync(notebook, notebookDir, options, session, captures, clock);
        }
        finally
        {
            session.Freeze();
            NotebookKernel.Leave(session);
            Environment.CurrentDirectory = previousDirectory;
        }
        TimeSpan duration = clock.Elapsed;

        foreach (CellCapture capture in captures) capture.Render();
        var metrics = CollectMetrics(captures);
        RecordRun(notebook, failure, metrics, duration, options);
        return new RunResult(notebook, failure, CollectFigures(captures), metrics, duration);
    }

    private static async Task<CellFailure?> RunCellsAsync(
        Notebook notebook, string notebookDir, RunOptions options, RunSession session, List<CellCapture> captures, Stopwatch clock)
    {
        var code = notebook.Cells.Where(c => c.IsCode).ToDictionary(c => c, c => CellDirectives.Read(c.Source));
        var packages = code.SelectMany(p => p.Value.Packages.Select(k => (Cell: p.Key, k.Package, k.Line))).ToList();
        var resolver = new NuGetMetadataResolver(ScriptMetadataResolver.Default.WithBaseDirectory(notebookDir));
        var host = new ScriptHost(notebookDir, resolver);
        await host.StartAsync();
        int executionCount = 0;
        foreach (NotebookCell cell in notebook.Cells.Where(c => c.IsCode))
        {
            if (string.IsNullOrWhiteSpace(cell.Source)) continue;
            var capture = new CellCapture(session, cell);
            captures.Add(capture);
            cell.SetExecutionCount(++executionCount);
            CellDirectives directives = code[cell];
            if (directives.Error is not null)
                return Fail(capture, cell, directives.ErrorLine, "DirectiveError", directives.Error);
            if (directives.Packages.Count > 0 && packages.Count > 0)
            {
                // Every package of the notebook is restored once, when the first cell that needs one runs.
                string? restoreError = Restore(packages, code.Values.SelectMany(d => d.Sources).Distinct().ToList(),
                    options.NuGetCache ?? Path.Combine(notebookDir, ".nbcache"), resolver);
                packages.Clear();
                if (restoreError is not null)
                    return Fail(capture, cell, directives.Packages[0].Line, "NuGetError", restoreError);
            }

            var cellClock = Stopwatch.StartNew();
            CellFailure? failure = await RunCellAsync(host, cell, directives.Code, notebookDir, capture, executionCount, options, clock);
            double seconds = Math.Round(cellClock.Elapsed.TotalSeconds, 3);
            if (cell.Metadata["gencourse"] is not JsonObject cellMeta) cell.Metadata["gencourse"] = cellMeta = new JsonObject();
            cellMeta["duration_s"] = seconds;
            if (failure is not null) return failure;
        }
        return null;
    }

    /// <summary>Restores all the notebook's packages; returns why not, or null.</summary>
    private static string? Restore(List<(NotebookCell Cell, NuGetReference Package, int Line)> packages, List<string> sources, string cacheRoot, NuGetMetadataResolver resolver)
    {
        var clash = packages.GroupBy(p => p.Package.Id, StringComparer.OrdinalIgnoreCase)
            .FirstOrDefault(g => g.Select(p => p.Package.Version).Distinct().Count() > 1);
        if (clash is not null)
        {
            var versions = clash.Select(p => $"{p.Package.Version ?? "latest"} in {p.Cell.Label}").Distinct();
            return $"nuget package {clash.Key} is referenced with different versions ({string.Join(", ", versions)}); use one version.";
        }
        try
        {
            resolver.Restored = NuGetRestorer.Restore(packages.Select(p => p.Package).Distinct().ToList(), sources, cacheRoot);
            return null;
        }
        catch (NuGetRestoreException e)
        {
            return e.Message;
        }
    }

    private static async Task<CellFailure?> RunCellAsync(
        ScriptHost host, NotebookCell cell, string code, string notebookDir, CellCapture capture, int executionCount, RunOptions options, Stopwatch clock)
    {
        // Line numbers and stack frames name the cell as "cellN.csx" beside the notebook.
        string cellFile = Path.Combine(notebookDir, $"cell{cell.Number}.csx");
        CompiledCell compiled;
        try
        {
            compiled = host.Compile(code, cellFile);
        }
        catch (Exception e)
        {
            return Record(capture, ErrorReport.FromException(cell, cellFile, e));
        }
        if (compiled.Errors.Count > 0) return Record(capture, ErrorReport.FromDiagnostics(cell, cellFile, compiled.Errors));

        // The limits count running time: the compiler's (seconds when it first warms up) is not the cell's.
        TimeSpan? limit = Limit(options, clock, out string limitName);
        if (limit is { } l && l <= TimeSpan.Zero)
            return Record(capture, ErrorReport.FromTimeout(cell, $"the whole run exceeded its time limit of {Seconds(options.RunTimeout!.Value)} s before this cell started."));

        using var cancellation = new CancellationTokenSource();
        Task<CellOutcome> run = Task.Factory.StartNew(() =>
        {
            // Runs on its own thread so a timeout can abandon it; the async flow carries the
            // capture (console, display) and an invariant culture (deterministic output).
            NotebookKernel.Enter(capture);
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
            CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
            return host.RunAsync(compiled, cancellation.Token);
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();

        if (limit is { } wait)
        {
            Task finished = await Task.WhenAny(run, Task.Delay(wait));
            if (finished != run)
            {
                cancellation.Cancel();
                string message = limitName == "cell"
                    ? $"the cell exceeded the per-cell time limit of {Seconds(options.CellTimeout!.Value)} s (--timeout)."
                    : $"the whole run exceeded its time limit of {Seconds(options.RunTimeout!.Value)} s (--run-timeout).";
                return Record(capture, ErrorReport.FromTimeout(cell, message));
            }
        }

        CellOutcome outcome;
        try
        {
            outcome = await run;
        }
        catch (Exception e)
        {
            return Record(capture, ErrorReport.FromException(cell, cellFile, e));
        }
        if (outcome.Errors.Count > 0) return Record(capture, ErrorReport.FromDiagnostics(cell, cellFile, outcome.Errors));
        if (outcome.Exception is not null) return Record(capture, ErrorReport.FromException(cell, cellFile, outcome.Exception));
        if (outcome.HasValue)
        {
            try
            {
                capture.Add(new CellOutput.Result(ValueFormatter.Format(outcome.Value), executionCount));
            }
            catch (Exception e)
            {
                return Record(capture, ErrorReport.FromException(cell, cellFile, e));
            }
        }
        return null;
    }

    private static TimeSpan? Limit(RunOptions options, Stopwatch clock, out string which)
    {
        TimeSpan? runLeft = options.RunTimeout - clock.Elapsed;
        which = "cell";
        if (runLeft is null) return options.CellTimeout;
        if (options.CellTimeout is null || runLeft < options.CellTimeout) { which = "run"; return runLeft; }
        return options.CellTimeout;
    }

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);

    private static CellFailure Record(CellCapture capture, (CellOutput Output, CellFailure Failure) error)
    {
        capture.Add(error.Output);
        return error.Failure;
    }

    private static CellFailure Fail(CellCapture capture, NotebookCell cell, int line, string name, string message) =>
        Record(capture, ErrorReport.FromMessage(cell, line, name, message));

    private static List<KeyValuePair<string, double>> CollectMetrics(List<CellCapture> captures)
    {
        var metrics = new List<KeyValuePair<string, double>>();
        foreach (CellCapture capture in captures)
            foreach (var metric in MetricLines.Parse(capture.StandardOutput))
            {
                metrics.RemoveAll(m => m.Key == metric.Key);
                metrics.Add(metric);
            }
        return metrics;
    }

    private static List<Figure> CollectFigures(List<CellCapture> captures)
    {
        var figures = new List<Figure>();
        foreach (CellCapture capture in captures)
            foreach (MimeBundle bundle in capture.Bundles)
            {
                if (bundle.TryGet("image/png", out string png))
                    figures.Add(new Figure(figures.Count + 1, capture.Cell.Number, "png", Convert.FromBase64String(png)));
                else if (bundle.TryGet("image/svg+xml", out string svg))
                    figures.Add(new Figure(figures.Count + 1, capture.Cell.Number, "svg", Encoding.UTF8.GetBytes(svg)));
            }
        return figures;
    }

    /// <summary><c>metadata.gencourse.metrics</c> and <c>.run</c>: what <c>gencourse course</c> reads back.</summary>
    private static void RecordRun(Notebook notebook, CellFailure? failure, List<KeyValuePair<string, double>> metrics, TimeSpan duration, RunOptions options)
    {
        JsonObject meta = notebook.GenCourseMetadata;
        if (metrics.Count > 0)
        {
            var m = new JsonObject();
            foreach (var (key, value) in metrics) m[key] = double.IsFinite(value) ? JsonValue.Create(value) : JsonValue.Create(value.ToString(CultureInfo.InvariantCulture));
            meta["metrics"] = m;
        }
        else
        {
            meta.Remove("metrics");
        }
        var run = new JsonObject
        {
            ["duration_s"] = Math.Round(duration.TotalSeconds, 3),
            ["profile"] = options.Parameters.Quick ? "quick" : "full",
            ["status"] = failure is null ? "ok" : failure.TimedOut ? "timeout" : "failed",
        };
        if (failure is not null) run["error"] = failure.ToString();
        meta["run"] = run;
    }
}
