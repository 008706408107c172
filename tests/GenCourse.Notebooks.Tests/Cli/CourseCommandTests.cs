using System.Text.Json.Nodes;
using GenCourse.Notebooks.Cli;

namespace GenCourse.Notebooks.Tests.Cli;

/// <summary>`gencourse course` runs each notebook in its own process and tabulates status, time and key metric.</summary>
public class CourseCommandTests
{
    private const string Ok = """
        {"nbformat": 4, "nbformat_minor": 5,
         "metadata": {"gencourse": {"key_metric": "answer", "quick": {"n": 2}}},
         "cells": [
          {"cell_type": "code", "id": "params", "metadata": {"tags": ["parameters"]}, "outputs": [], "source": "int n = 100;\nstring device = \"unset\";"},
          {"cell_type": "code", "id": "work", "metadata": {}, "outputs": [], "source": "Console.WriteLine($\"device={device}\");\nConsole.WriteLine($\"[metric] answer = {21 * n}\");\nConsole.WriteLine(\"[metric] other = 1\");"}]}
        """;

    [Fact]
    public void RunsEveryNotebookInOrderAndSummarizes()
    {
        using var dir = new TempDir();
        string notebooks = dir.File("notebooks");
        Directory.CreateDirectory(notebooks);
        File.WriteAllText(Path.Combine(notebooks, "01-ok.ipynb"), Ok);
        string failing = File.ReadAllText(Fixtures.PathOf("failing.ipynb"));
        File.WriteAllText(Path.Combine(notebooks, "02-failing.ipynb"), failing.Replace("\"metadata\": {\n  \"kernelspec\"", "\"metadata\": {\n  \"gencourse\": {\"quick\": {}},\n  \"kernelspec\""));
        File.WriteAllText(Path.Combine(notebooks, "03-no-quick.ipynb"), File.ReadAllText(Fixtures.PathOf("result.ipynb")));

        var stdout = new StringWriter();
        int code = CourseCommand.Execute(["--notebooks", notebooks, "--out", dir.File("out")], stdout, new StringWriter());

        Assert.Equal(1, code);
        string[] table = File.ReadAllLines(dir.File("out/course-summary.md"));
        Assert.Equal("| notebook | status | minutes | key metric |", table[0]);
        Assert.Matches(@"^\| 01-ok\.ipynb \| ok \| \d+\.\d\d \| answer = 42 \|$", table[2]);
        Assert.Matches(@"^\| 02-failing\.ipynb \| failed \| \d+\.\d\d \| cell 3 \(id boom\), line 3: InvalidOperationException: x \+ y = 3 \|$", table[3]);
        Assert.Matches(@"^\| 03-no-quick\.ipynb \| refused \| \d+\.\d\d \| 03-no-quick\.ipynb has no quick profile", table[4]);
        Assert.Contains(string.Join("\n", table), stdout.ToString());

        // The quick profile ran (n = 2), on the CPU, and the executed notebook and log are kept.
        var executed = (JsonObject)JsonNode.Parse(File.ReadAllText(dir.File("out/notebooks/01-ok.ipynb")))!;
        Assert.Equal("device=cpu\n[metric] answer = 42\n[metric] other = 1\n", Fixtures.Text(Fixtures.Outputs(executed, "work")[0]!["text"]));
        Assert.True(File.Exists(dir.File("out/logs/02-failing.log")));
    }

    [Theory]
    [InlineData(new[] { "--device", "tpu" }, "--device is cpu, cuda or cuda:N")]
    [InlineData(new[] { "--notebooks", "/nonexistent/notebooks" }, "no notebooks folder")]
    public void UsageErrorsExitWithTwo(string[] args, string message)
    {
        var stderr = new StringWriter();
        Assert.Equal(2, CourseCommand.Execute(args, new StringWriter(), stderr));
        Assert.Contains(message, stderr.ToString());
    }
}
