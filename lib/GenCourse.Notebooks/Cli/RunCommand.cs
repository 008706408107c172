using System.Globalization;
using GenCourse.Notebooks.Runner;
using GenCourse.Notebooks.Runner.Parameters;

namespace GenCourse.Notebooks.Cli;

/// <summary>
/// <c>gencourse run NOTEBOOK.ipynb</c>: executes the notebook headless and writes the executed
/// copy (and its figures) under <c>--out</c>. Exit codes: 0 ran, 1 a cell failed or timed
/// out (the executed notebook is still written), 2 the notebook or the options were refused.
/// </summary>
public static class RunCommand
{
    public const string Help = """
        usage: gencourse run NOTEBOOK.ipynb [options]

        Runs the notebook's C# cells in order (Roslyn scripting, the notebook's folder as the
        base for #r, #load and relative paths) and writes the executed notebook to
        DIR/NAME.ipynb and its figures to DIR/NAME/figure-N.png|svg.

          --param NAME=VALUE   override a parameter declared in the cell tagged "parameters"
                               (repeatable; parsed to the declared type)
          --params-file F      a JSON object of parameter values
          --quick              the notebook's own smoke profile (metadata.gencourse.quick);
                               --params-file and --param override it
          --out DIR            where to write (default: out/notebooks under the repository)
          --in-place           also overwrite NOTEBOOK with the executed notebook
          --timeout S          stop at a cell that runs longer than S seconds
          --run-timeout S      stop when the whole run takes longer than S seconds

        Exit code: 0 ran; 1 a cell failed or timed out (printed as `cell N (id …), line L:
        message`, the executed notebook is still written); 2 invalid notebook or options.
        """;

    public static int Execute(IReadOnlyList<string> args) => Execute(args, Console.Out, Console.Error);

    /// <summary>Runs the command, printing to <paramref name="stdout"/> and <paramref name="stderr"/>.</summary>
    public static int Execute(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            RunRequest request = Parse(args);
            if (request.ShowHelp) { stdout.WriteLine(Help); return 0; }
            return Run(request, stdout, stderr);
        }
        catch (UsageException e)
        {
            stderr.WriteLine(e.Message);
            return 2;
        }
        catch (NotebookFormatException e)
        {
            stderr.WriteLine(e.Message);
            return 2;
        }
    }

    private static int Run(RunRequest request, TextWriter stdout, TextWriter stderr)
    {
        Notebook notebook = NotebookFile.Load(request.Notebook);
        var options = new RunOptions
        {
            Parameters = new ParameterOverrides(request.Quick, request.ParamsFile, request.Params),
            CellTimeout = request.CellTimeout,
            RunTimeout = request.RunTimeout,
        };
        RunResult result = NotebookRunner.RunAsync(notebook, request.Notebook, options).GetAwaiter().GetResult();

        string stem = Path.GetFileNameWithoutExtension(request.Notebook);
        string executedPath = Path.Combine(request.OutDir, Path.GetFileName(request.Notebook));
        NotebookFile.Save(result.Executed, executedPath);
        if (request.InPlace) NotebookFile.Save(result.Executed, request.Notebook);
        string figureDir = Path.Combine(request.OutDir, stem);
        FigureFiles.Write(figureDir, result.Figures);

        string where = Relative(executedPath);
        if (result.Failure is { } failure)
        {
            stderr.WriteLine($"{Path.GetFileName(request.Notebook)}: {failure}");
            stderr.WriteLine($"executed notebook (with the error output) written to {where}");
            return 1;
        }
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileName(request.Notebook)}: ran in {result.Duration.TotalSeconds:0.0} s → {where}") +
                          (result.Figures.Count > 0 ? $" ({result.Figures.Count} figure{(result.Figures.Count == 1 ? "" : "s")} in {Relative(figureDir)})" : ""));
        foreach (var (metric, value) in result.Metrics) stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {metric} = {value:R}"));
        return 0;
    }

    internal static RunRequest Parse(IReadOnlyList<string> args)
    {
        var reader = new ArgumentReader(args, "run");
        var request = new RunRequest();
        var parameters = new List<KeyValuePair<string, string>>();
        while (reader.TryNext(out string a))
        {
            if (a is "-h" or "--help") return request with { ShowHelp = true };
            else if (ArgumentReader.Is(a, "--param"))
            {
                string pair = reader.Value(a, "--param");
                int eq = pair.IndexOf('=');
                if (eq <= 0) throw new UsageException($"run: --param takes NAME=VALUE; got '{pair}'.");
                parameters.Add(new(pair[..eq].Trim(), pair[(eq + 1)..]));
            }
            else if (ArgumentReader.Is(a, "--params-file")) request = request with { ParamsFile = reader.Value(a, "--params-file") };
            else if (ArgumentReader.Is(a, "--out")) request = request with { OutDir = reader.Value(a, "--out") };
            else if (ArgumentReader.Is(a, "--timeout")) request = request with { CellTimeout = TimeSpan.FromSeconds(reader.Seconds(a, "--timeout")) };
            else if (ArgumentReader.Is(a, "--run-timeout")) request = request with { RunTimeout = TimeSpan.FromSeconds(reader.Seconds(a, "--run-timeout")) };
            else if (a == "--quick") request = request with { Quick = true };
            else if (a == "--in-place") request = request with { InPlace = true };
            else if (a.StartsWith('-')) throw reader.Unknown(a);
            else if (request.Notebook.Length == 0) request = request with { Notebook = a };
            else throw new UsageException($"run: one notebook at a time; got '{request.Notebook}' and '{a}'.");
        }
        if (request.Notebook.Length == 0) throw new UsageException("run: which notebook? usage: gencourse run NOTEBOOK.ipynb [options] (see --help).");
        return request with { Params = parameters };
    }

    private static string Relative(string path)
    {
        string relative = Path.GetRelativePath(Environment.CurrentDirectory, Path.GetFullPath(path));
        return relative.StartsWith("..", StringComparison.Ordinal) ? Path.GetFullPath(path) : relative;
    }
}

/// <summary>The parsed command line of <c>gencourse run</c>.</summary>
internal sealed record RunRequest
{
    public string Notebook { get; init; } = "";
    public IReadOnlyList<KeyValuePair<string, string>> Params { get; init; } = [];
    public string? ParamsFile { get; init; }
    public string OutDir { get; init; } = Path.Combine(Paths.RepoRoot, "out", "notebooks");
    public TimeSpan? CellTimeout { get; init; }
    public TimeSpan? RunTimeout { get; init; }
    public bool Quick { get; init; }
    public bool InPlace { get; init; }
    public bool ShowHelp { get; init; }
}
