using GenCourse.Notebooks.Runner;
using GenCourse.Notebooks.Runner.Export;

namespace GenCourse.Notebooks.Tests.Runner.Export;

public class FileBasedAppTests
{
    private static string Export(string fixture, string output) =>
        FileBasedApp.Export(Fixtures.Load(fixture), Fixtures.PathOf(fixture), output);

    [Fact]
    public void WritesDirectivesThenCellsInOrderThenTypes()
    {
        string output = Path.Combine(Paths.RepoRoot, "out", "export", "lesson.cs");
        string text = Export("export.ipynb", output);
        string[] lines = text.Split('\n');

        Assert.Equal(
            ["#:property PublishAot=false", "#:property ImplicitUsings=disable", "#:property Nullable=disable",
             "#:property TreatWarningsAsErrors=false", "#:project ../../lib/GenCourse/GenCourse.csproj"],
            lines.TakeWhile(l => l.StartsWith("#:", StringComparison.Ordinal)));
        Assert.Contains("using System.Collections;", lines);
        Assert.Contains("using TorchSharp;", lines);   // TorchSharp.dll beside GenCourse.dll comes with its project
        Assert.Contains("using static TorchSharp.torch;", lines);
        Assert.Contains("using System.Globalization;", lines);
        Assert.Contains("// # Export fixture", lines);
        Assert.Contains("// Markdown becomes comments.", lines);
        Assert.Contains("int n = 3;", lines);
        Assert.Contains("display(total * 10);", lines);
        Assert.Contains("total = 100.0;", lines);      // redeclared in a later cell
        Assert.Contains("display(\"displayed\");", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("#r", StringComparison.Ordinal));

        // Order: the cells' statements, then the display shim, then the types.
        int compute = Array.IndexOf(lines, "// cell compute");
        int again = Array.IndexOf(lines, "// cell again");
        int record = Array.IndexOf(lines, "record Point(int X, int Y);");
        int extensions = Array.IndexOf(lines, "static class NotebookExtensions");
        Assert.True(compute > 0 && again > compute && record > again && extensions > again, text);
        Assert.Contains("    public static double Twice(this double x) => 2 * x;", lines);
        Assert.EndsWith("}\n", text);
    }

    [Fact]
    public void PackagesBecomePackageDirectives()
    {
        string text = Export("nuget.ipynb", Path.Combine(Path.GetTempPath(), "n.cs"));
        Assert.Contains("#:package Newtonsoft.Json@13.0.3\n", text);
        Assert.Contains("display(JsonConvert.SerializeObject(new { a = 1, b = new[] { 2, 3 } }));\n", text);
    }

    [Fact]
    public void ADllOutsideTheRepositorysLibIsRefused()
    {
        Notebook notebook = NotebookFile.Parse("""
            {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
             {"cell_type": "code", "id": "r", "metadata": {}, "outputs": [], "source": "#r \"/opt/vendor/Vendor.dll\"\nVendor.Go();"}]}
            """, "x.ipynb");
        var e = Assert.Throws<ExportException>(() => FileBasedApp.Export(notebook, Fixtures.PathOf("x.ipynb"), Path.Combine(Path.GetTempPath(), "x.cs")));
        Assert.StartsWith("cell 1 (id r): #r \"/opt/vendor/Vendor.dll\" has no equivalent in a file-based app", e.Message);
    }

    [Fact]
    public void ARedeclarationWithAnotherTypeIsRefused()
    {
        Notebook notebook = NotebookFile.Parse("""
            {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
             {"cell_type": "code", "id": "a", "metadata": {}, "outputs": [], "source": "int x = 1;"},
             {"cell_type": "code", "id": "b", "metadata": {}, "outputs": [], "source": "string x = \"s\";"}]}
            """, "x.ipynb");
        var e = Assert.Throws<ExportException>(() => FileBasedApp.Export(notebook, Fixtures.PathOf("x.ipynb"), Path.Combine(Path.GetTempPath(), "x.cs")));
        Assert.Equal("cell 2 (id b): 'x' is declared again as string after int; one file has one scope, so give it a new name.", e.Message);
    }

    /// <summary>The exported file builds with `dotnet build` and prints what the notebook computes.</summary>
    [Fact]
    public void TheExportedFixtureBuildsAndRuns()
    {
        using var dir = new TempDir();
        string file = dir.File("lesson.cs");
        File.WriteAllText(file, Export("export.ipynb", file));

        var (build, buildOutput) = Dotnet.Run(dir.Path, "build", "lesson.cs", "-o", dir.File("bin"));
        Assert.True(build == 0, buildOutput);
        var (run, output) = Dotnet.Run(dir.Path, dir.File("bin/lesson.dll"));
        Assert.True(run == 0, output);
        // 1 + 2 + 3 = 6, shown ×10; the redeclared total is 100, doubled by the extension method.
        Assert.Equal("6\n60\ntotal=200 Point { X = 1, Y = 2 }\ndisplayed\n", output);
    }

    [Fact]
    public void TheTensorTourExportsToAFileThatBuilds()
    {
        using var dir = new TempDir();
        string notebook = Path.Combine(Paths.RepoRoot, "notebooks", "00-tensors.ipynb");
        string file = dir.File("tensors.cs");
        File.WriteAllText(file, FileBasedApp.Export(NotebookFile.Load(notebook), notebook, file));
        var (build, buildOutput) = Dotnet.Run(dir.Path, "build", "tensors.cs", "-o", dir.File("bin"));
        Assert.True(build == 0, buildOutput);
    }
}
