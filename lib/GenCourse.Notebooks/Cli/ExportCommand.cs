using GenCourse.Checkpoints;
using GenCourse.Notebooks.Runner;
using GenCourse.Notebooks.Runner.Export;

namespace GenCourse.Notebooks.Cli;

/// <summary><c>gencourse export NOTEBOOK.ipynb -o lesson.cs</c>: the notebook as a .NET 10 file-based app.</summary>
public static class ExportCommand
{
    public const string Help = """
        usage: gencourse export NOTEBOOK.ipynb [-o FILE.cs]

        Writes the notebook as a .NET 10 file-based app: the cells' code in order, markdown as
        comments, #r "nuget: Id, Version" as #:package, a #r of a DLL built from this
        repository's lib/ (or one its build output holds, such as TorchSharp.dll) as #:project. Build or run it with `dotnet build FILE.cs` /
        `dotnet run FILE.cs`. Default FILE: out/export/NAME.cs under the repository.
        """;

    public static int Execute(IReadOnlyList<string> args) => Execute(args, Console.Out, Console.Error);

    /// <summary>Runs the command, printing to <paramref name="stdout"/> and <paramref name="stderr"/>.</summary>
    public static int Execute(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            var reader = new ArgumentReader(args, "export");
            string notebookPath = "";
            string? output = null;
            while (reader.TryNext(out string a))
            {
                if (a is "-h" or "--help") { stdout.WriteLine(Help); return 0; }
                if (ArgumentReader.Is(a, "-o")) output = reader.Value(a, "-o");
                else if (ArgumentReader.Is(a, "--output")) output = reader.Value(a, "--output");
                else if (a.StartsWith('-')) throw reader.Unknown(a);
                else if (notebookPath.Length == 0) notebookPath = a;
                else throw new UsageException($"export: one notebook at a time; got '{notebookPath}' and '{a}'.");
            }
            if (notebookPath.Length == 0) throw new UsageException("export: which notebook? usage: gencourse export NOTEBOOK.ipynb -o FILE.cs");
            output ??= Path.Combine(Paths.RepoRoot, "out", "export", Path.GetFileNameWithoutExtension(notebookPath) + ".cs");
            if (!output.EndsWith(".cs", StringComparison.OrdinalIgnoreCase))
                throw new UsageException($"export: the output must be a .cs file (dotnet run FILE.cs); got '{output}'.");

            Notebook notebook = NotebookFile.Load(notebookPath);
            string text = FileBasedApp.Export(notebook, notebookPath, output);
            AtomicFile.WriteAllText(output, text);
            stdout.WriteLine($"{Path.GetFileName(notebookPath)} → {output} (build: dotnet build {output}; run: dotnet run {output})");
            return 0;
        }
        catch (Exception e) when (e is UsageException or NotebookFormatException or ExportException)
        {
            stderr.WriteLine(e is ExportException ? $"export: {e.Message}" : e.Message);
            return 2;
        }
    }
}
