using GenCourse.Checkpoints;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using GenCourse.Notebooks.Runner;
using GenCourse.Notebooks.Runner.Parameters;

namespace GenCourse.Notebooks.Cli;

/// <summary>
/// <c>gencourse course</c>: runs every notebook in <c>notebooks/</c> in name order, each in its
/// own process (each cell is an assembly that never unloads, and native memory is the
/// process's), with its quick profile on the CPU unless told otherwise, then prints a
/// summary: notebook, status, minutes, and the key metric it reported.
/// </summary>
public static class CourseCommand
{
    public const string Help = """
        usage: gencourse course [--device cpu|cuda] [--full] [--notebooks DIR] [--out DIR]
                                [--timeout S] [--run-timeout S]

        Runs every notebook in notebooks/ in order, headless, each with its quick profile
        (metadata.gencourse.quick) unless --full. A notebook that declares a `device`
        parameter gets --device (default cpu). Executed notebooks and figures go to
        out/notebooks/, logs to out/logs/, the summary table to out/course-summary.md.

        Metrics: a notebook reports a number with GenCourse.Display.Report.Metric(name, value),
        which prints `[metric] name = value`; the summary shows the one named by
        metadata.gencourse.key_metric, else the last one reported.
        """;

    public static int Execute(IReadOnlyList<string> args) => Execute(args, Console.Out, Console.Error);

    /// <summary>Runs the command, printing to <paramref name="stdout"/> and <paramref name="stderr"/>.</summary>
    public static int Execute(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            CourseRequest request = Parse(args);
            if (request.ShowHelp) { stdout.WriteLine(Help); return 0; }
            return Run(request, stdout, stderr);
        }
        catch (UsageException e)
        {
            stderr.WriteLine(e.Message);
            return 2;
        }
    }

    private static int Run(CourseRequest request, TextWriter stdout, TextWriter stderr)
    {
        if (!Directory.Exists(request.NotebooksDir))
            throw new UsageException($"course: no notebooks folder at {request.NotebooksDir}.");
        var notebooks = Directory.EnumerateFiles(request.NotebooksDir, "*.ipynb").Order(StringComparer.Ordinal).ToList();
        if (notebooks.Count == 0) throw new UsageException($"course: {request.NotebooksDir} holds no .ipynb files.");

        string executedDir = Path.Combine(request.OutDir, "notebooks");
        string logDir = Path.Combine(request.OutDir, "logs");
        Directory.CreateDirectory(logDir);
        var rows = new List<CourseRow>();
        foreach (string notebook in notebooks)
        {
            stdout.WriteLine($"running {Path.GetFileName(notebook)} ({(request.Full ? "full" : "quick")}, {request.Device}) …");
            CourseRow row = RunOne(notebook, executedDir, logDir, request);
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {row.Status} in {row.Minutes:0.00} min{(row.Detail.Length > 0 ? ": " + row.Detail : "")}"));
            rows.Add(row);
        }

        string table = Table(rows);
        stdout.WriteLine();
        stdout.Write(table);
        AtomicFile.WriteAllText(Path.Combine(request.OutDir, "course-summary.md"), table);
        return rows.All(r => r.Status == "ok") ? 0 : 1;
    }

    private static CourseRow RunOne(string notebook, string executedDir, string logDir, CourseRequest request)
    {
        string name = Path.GetFileName(notebook);
        var arguments = new List<string> { "run", notebook, "--out", executedDir };
        if (!request.Full) arguments.Add("--quick");
        if (request.CellTimeout is double t) arguments.AddRange(["--timeout", t.ToString(CultureInfo.InvariantCulture)]);
        if (request.RunTimeout is double r) arguments.AddRange(["--run-timeout", r.ToString(CultureInfo.InvariantCulture)]);
        string? keyMetric = null;
        try
        {
            Notebook source = NotebookFile.Load(notebook);
            keyMetric = (source.Metadata["gencourse"]?["key_metric"] as JsonValue)?.GetValue<string>();
            NotebookCell? parameters = ParametersCell.Find(source);
            if (parameters is not null && ParametersCell.Read(parameters.Source).Any(d => d.Name == "device"))
                arguments.AddRange(["--param", $"device={request.Device}"]);
        }
        catch (NotebookFormatException e)
        {
            return new CourseRow(name, "refused", 0, e.Message);
        }

        var clock = Stopwatch.StartNew();
        var (exitCode, output) = RunChild(arguments);
        double minutes = clock.Elapsed.TotalMinutes;
        AtomicFile.WriteAllText(Path.Combine(logDir, Path.GetFileNameWithoutExtension(name) + ".log"), output);

        string executedPath = Path.Combine(executedDir, name);
        if (exitCode == 2 || !File.Exists(executedPath))
            return new CourseRow(name, "refused", minutes, FirstLine(output));
        JsonObject? meta;
        try
        {
            meta = NotebookFile.Load(executedPath).Metadata["gencourse"] as JsonObject;
        }
        catch (NotebookFormatException e)
        {
            return new CourseRow(name, "failed", minutes, e.Message);
        }
        string status = meta?["run"]?["status"]?.GetValue<string>() ?? (exitCode == 0 ? "ok" : "failed");
        if (status != "ok") return new CourseRow(name, status, minutes, meta?["run"]?["error"]?.GetValue<string>() ?? FirstLine(output));
        return new CourseRow(name, status, minutes, KeyMetric(meta?["metrics"] as JsonObject, keyMetric));
    }

    private static string KeyMetric(JsonObject? metrics, string? key)
    {
        if (metrics is null || metrics.Count == 0) return key is null ? "" : $"{key}: not reported";
        if (key is null) return $"{metrics.Last().Key} = {Number(metrics.Last().Value)}";
        return metrics.TryGetPropertyValue(key, out JsonNode? value) ? $"{key} = {Number(value)}" : $"{key}: not reported";
    }

    /// <summary>Six significant digits: enough to compare runs in a table.</summary>
    private static string Number(JsonNode? value) =>
        value is JsonValue v && v.TryGetValue(out double d) ? d.ToString("G6", CultureInfo.InvariantCulture) : value?.ToJsonString() ?? "";

    /// <summary>Runs this program again (<c>dotnet GenCourse.Notebooks.dll run …</c>) for one notebook.</summary>
    private static (int ExitCode, string Output) RunChild(List<string> arguments)
    {
        string self = typeof(CourseCommand).Assembly.Location;
        var start = new ProcessStartInfo(Dotnet.HostPath) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(self);
        foreach (string a in arguments) start.ArgumentList.Add(a);
        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {Dotnet.HostPath}");
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.Append(e.Data).Append('\n'); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.Append(e.Data).Append('\n'); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.WaitForExit();
        lock (output) return (process.ExitCode, output.ToString());
    }

    private static string FirstLine(string output) =>
        output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "";

    private static string Table(List<CourseRow> rows)
    {
        var text = new StringBuilder();
        text.Append("| notebook | status | minutes | key metric |\n|---|---|---:|---|\n");
        foreach (CourseRow row in rows)
            text.Append($"| {row.Notebook} | {row.Status} | {row.Minutes.ToString("0.00", CultureInfo.InvariantCulture)} | {row.Detail.Replace("|", "\\|")} |\n");
        return text.ToString();
    }

    internal static CourseRequest Parse(IReadOnlyList<string> args)
    {
        var reader = new ArgumentReader(args, "course");
        var request = new CourseRequest();
        while (reader.TryNext(out string a))
        {
            if (a is "-h" or "--help") return request with { ShowHelp = true };
            if (ArgumentReader.Is(a, "--device"))
            {
                string device = reader.Value(a, "--device");
                if (device != "cpu" && device != "cuda" && !device.StartsWith("cuda:", StringComparison.Ordinal))
                    throw new UsageException($"course: --device is cpu, cuda or cuda:N; got '{device}'.");
                request = request with { Device = device };
            }
            else if (a == "--full") request = request with { Full = true };
            else if (ArgumentReader.Is(a, "--notebooks")) request = request with { NotebooksDir = reader.Value(a, "--notebooks") };
            else if (ArgumentReader.Is(a, "--out")) request = request with { OutDir = reader.Value(a, "--out") };
            else if (ArgumentReader.Is(a, "--timeout")) request = request with { CellTimeout = reader.Seconds(a, "--timeout") };
            else if (ArgumentReader.Is(a, "--run-timeout")) request = request with { RunTimeout = reader.Seconds(a, "--run-timeout") };
            else throw reader.Unknown(a);
        }
        return request;
    }
}

/// <summary>The parsed command line of <c>gencourse course</c>.</summary>
internal sealed record CourseRequest
{
    public string Device { get; init; } = "cpu";
    public bool Full { get; init; }
    public string NotebooksDir { get; init; } = Path.Combine(Paths.RepoRoot, "notebooks");
    public string OutDir { get; init; } = Path.Combine(Paths.RepoRoot, "out");
    public double? CellTimeout { get; init; }
    public double? RunTimeout { get; init; }
    public bool ShowHelp { get; init; }
}

/// <summary>One line of the course summary.</summary>
internal sealed record CourseRow(string Notebook, string Status, double Minutes, string Detail);
