using System.Text;
using GenCourse.Notebooks.Runner.Scripting;

namespace GenCourse.Notebooks.Runner.Export;

/// <summary>
/// Writes a notebook as a .NET 10 file-based app (<c>dotnet run lesson.cs</c>), the path
/// Microsoft recommends since Polyglot Notebooks was deprecated. The file starts with the
/// directives (<c>#:package</c> for each <c>#r "nuget:"</c>, <c>#:project</c> for a
/// <c>#r</c> of a DLL built from this repository's <c>lib/</c> or held in such a project's build
/// output, as TorchSharp.dll is in GenCourse's, and properties that compile
/// it as the runner compiles cells: no AOT, no implicit usings but .NET Interactive's six,
/// nullable off, warnings not errors), then the usings lifted out of the cells, then every
/// cell in order (markdown as comments, <c>// cell ID</c> markers), and at the end the types
/// the cells declared and a console <c>display</c>.
/// </summary>
/// <remarks>
/// Rewrites, because one file is one scope: a cell's trailing expression becomes
/// <c>display(expr);</c>; a variable a later cell declares again becomes an assignment;
/// <c>#load</c>ed files are inlined; top-level extension methods move into a static class.
/// A <c>#r</c> of any other DLL is refused: file-based apps cannot reference a DLL.
/// </remarks>
public static class FileBasedApp
{
    /// <summary>The file-based app for <paramref name="notebook"/> (read from <paramref name="notebookPath"/>), to be written at <paramref name="outputPath"/>.</summary>
    public static string Export(Notebook notebook, string notebookPath, string outputPath)
    {
        string notebookDir = Path.GetDirectoryName(Path.GetFullPath(notebookPath))!;
        string outputDir = Path.GetDirectoryName(Path.GetFullPath(outputPath))!;
        var writer = new ExportWriter(notebookDir, outputDir, FindRepoRoot(notebookDir));

        foreach (NotebookCell cell in notebook.Cells)
        {
            if (cell.IsCode && !cell.IsCSharp)
                throw new ExportException($"{cell.Label} is a {cell.KernelName} cell; only C# cells can be exported.");
            if (cell.IsCode) writer.AddCode(cell);
            else writer.AddComment(cell);
        }

        string name = Path.GetFileName(notebookPath);
        var file = new StringBuilder();
        file.Append("#:property PublishAot=false\n");
        file.Append("#:property ImplicitUsings=disable\n");
        file.Append("#:property Nullable=disable\n");
        file.Append("#:property TreatWarningsAsErrors=false\n");
        foreach (string directive in writer.Directives) file.Append(directive).Append('\n');
        file.Append('\n');
        file.Append($"// Exported from {name} by `gencourse export`; run it with `dotnet run {Path.GetFileName(outputPath)}`.\n");
        file.Append("// Figures print as text here; `gencourse run` renders them into the executed notebook.\n\n");
        foreach (string u in ScriptHost.DefaultImports) file.Append($"using {u};\n");
        foreach (string u in writer.Usings) file.Append(u).Append('\n');
        file.Append('\n');
        file.Append(writer.Body.ToString().TrimEnd('\n')).Append("\n\n");
        if (writer.UsesDisplay) file.Append(DisplayShim.LocalFunctions).Append('\n');
        foreach (string type in writer.Types) file.Append(type).Append("\n\n");
        if (writer.ExtensionMethods.Count > 0)
        {
            file.Append("static class NotebookExtensions\n{\n");
            foreach (string method in writer.ExtensionMethods) file.Append(Indent(method)).Append('\n');
            file.Append("}\n\n");
        }
        if (writer.UsesDisplay) file.Append(DisplayShim.Types);
        return file.ToString().TrimEnd('\n') + "\n";
    }

    private static string Indent(string text) => string.Join("\n", text.Split('\n').Select(l => l.Length == 0 ? l : "    " + l));

    /// <summary>The folder holding GenCourse.sln above the notebook, where lib/NAME/NAME.csproj projects live.</summary>
    private static string? FindRepoRoot(string start)
    {
        for (string? dir = start; dir is not null; dir = Path.GetDirectoryName(dir))
            if (File.Exists(Path.Combine(dir, "GenCourse.sln"))) return dir;
        return null;
    }
}
