using System.Text.Json.Nodes;
using GenCourse.Notebooks.Runner;

namespace GenCourse.Notebooks.Tests.Runner;

public class NotebookRunnerTests
{
    [Fact]
    public void ConsoleOutputBecomesStreamsJoinedPerStream()
    {
        RunResult result = Fixtures.Run("streams.ipynb");
        Assert.True(result.Succeeded, result.Failure?.ToString());
        JsonArray outputs = Fixtures.Outputs(Fixtures.Json(result.Executed), "writes");
        Assert.Equal(3, outputs.Count);
        Assert.Equal(("stdout", "ab\nline 2\n"), ((string)outputs[0]!["name"]!, Fixtures.Text(outputs[0]!["text"])));
        Assert.Equal(("stderr", "to stderr\n"), ((string)outputs[1]!["name"]!, Fixtures.Text(outputs[1]!["text"])));
        // A write from a thread-pool task still reaches the cell (the async flow carries it).
        Assert.Equal(("stdout", "after stderr\nfrom a task\n"), ((string)outputs[2]!["name"]!, Fixtures.Text(outputs[2]!["text"])));
        Assert.All(outputs, o => Assert.Equal("stream", (string)o!["output_type"]!));
        Assert.Equal(["ab\n", "line 2\n"], ((JsonArray)outputs[0]!["text"]!).Select(l => (string)l!));
    }

    [Fact]
    public void CellsRunWithTheInvariantCultureSoOutputsDoNotDependOnTheMachine()
    {
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
        try
        {
            RunResult result = Fixtures.Run("streams.ipynb");
            Assert.Equal("1,234.5 0.25\n", Fixtures.Text(Fixtures.Outputs(Fixtures.Json(result.Executed), "culture")[0]!["text"]));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void TheLastExpressionIsTheCellsResult()
    {
        RunResult result = Fixtures.Run("result.ipynb");
        Assert.True(result.Succeeded, result.Failure?.ToString());
        JsonObject nb = Fixtures.Json(result.Executed);

        JsonObject value = (JsonObject)Fixtures.Outputs(nb, "value").Single()!;
        Assert.Equal("execute_result", (string)value["output_type"]!);
        Assert.Equal(1, (int)value["execution_count"]!);
        Assert.Equal(1, (int)Fixtures.Cell(nb, "value")["execution_count"]!);
        Assert.Equal("42", Fixtures.Text(value["data"]!["text/plain"]));

        // (string)null is a result (of type string); a void call and a statement are not.
        Assert.Equal("<null>", Fixtures.Text(Fixtures.Outputs(nb, "null-string").Single()!["data"]!["text/plain"]));
        Assert.Empty(Fixtures.Outputs(nb, "void-call"));
        Assert.Empty(Fixtures.Outputs(nb, "semicolon"));
        Assert.Equal("[1, 2, 3]", Fixtures.Text(Fixtures.Outputs(nb, "list").Single()!["data"]!["text/plain"]));
        Assert.Equal("plain text", Fixtures.Text(Fixtures.Outputs(nb, "text").Single()!["data"]!["text/plain"]));
        Assert.Equal("7", Fixtures.Text(Fixtures.Outputs(nb, "awaited").Single()!["data"]!["text/plain"]));
        Assert.Equal(7, (int)Fixtures.Cell(nb, "awaited")["execution_count"]!);
        // Strings show as text/plain only.
        Assert.Equal(["text/plain"], ((JsonObject)Fixtures.Outputs(nb, "text").Single()!["data"]!).Select(p => p.Key));
    }

    [Fact]
    public void EachFigureKindIsDisplayedThroughTheFormatterConvention()
    {
        RunResult result = Fixtures.Run("display.ipynb");
        Assert.True(result.Succeeded, result.Failure?.ToString());
        JsonObject nb = Fixtures.Json(result.Executed);
        JsonObject Data(string id) => (JsonObject)Fixtures.Outputs(nb, id).Single(o => (string)o!["output_type"]! != "stream")!["data"]!;

        // PNG: one base64 string (not lines), plus text/plain from ToString().
        JsonObject image = Data("image");
        Assert.Equal(["image/png", "text/plain"], image.Select(p => p.Key).Order());
        Assert.IsAssignableFrom<JsonValue>(image["image/png"]);
        byte[] png = Convert.FromBase64String((string)image["image/png"]!);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        Assert.Equal("ImageGrid 1×1", Fixtures.Text(image["text/plain"]));

        // SVG: text lines; the type's own text/plain formatter wins over ToString().
        JsonObject plot = Data("plot");
        Assert.IsType<JsonArray>(plot["image/svg+xml"]);
        Assert.Contains("<title>training loss</title>", Fixtures.Text(plot["image/svg+xml"]));
        Assert.Equal("LinePlot: training loss", Fixtures.Text(plot["text/plain"]));

        // PreferredMimeTypes limits what is emitted (the table's SVG formatter is not used).
        Assert.Equal(["text/html", "text/plain"], Data("table").Select(p => p.Key).Order());

        // Update() replaces the displayed output in place: one output, the final value.
        JsonArray progress = Fixtures.Outputs(nb, "progress");
        Assert.Equal(2, progress.Count);
        Assert.Equal("<progress value=\"10\" max=\"10\"></progress>", Fixtures.Text(progress[0]!["data"]!["text/html"]));
        Assert.Equal("10/10", Fixtures.Text(progress[0]!["data"]!["text/plain"]));
        Assert.StartsWith("display-", Fixtures.Text(progress[1]!["text"]));

        Assert.Equal(["text/plain"], Data("as-text").Select(p => p.Key));
        Assert.Equal(["text/plain"], Data("string").Select(p => p.Key));
        Assert.Equal("<b>bold</b>", Fixtures.Text(Data("html")["text/html"]));

        JsonObject shown = (JsonObject)Fixtures.Outputs(nb, "result").Single()!;
        Assert.Equal("execute_result", (string)shown["output_type"]!);
        Assert.Contains("<title>as a result</title>", Fixtures.Text(shown["data"]!["image/svg+xml"]));

        // Figures: every PNG or SVG output, numbered in notebook order.
        Assert.Equal(["figure-1.png", "figure-2.svg", "figure-3.svg"], result.Figures.Select(f => f.FileName));
        Assert.Equal(png, result.Figures[0].Content);
    }

    [Fact]
    public void ACellCanReferenceTheBuiltLibraryAndComputeATensor()
    {
        RunResult result = Fixtures.Run("torch.ipynb");
        Assert.True(result.Succeeded, result.Failure?.ToString());
        JsonArray outputs = Fixtures.Outputs(Fixtures.Json(result.Executed), "compute");
        // [[1,2],[3,4]] @ its transpose = [[5,11],[11,25]]; the sum is 52.
        Assert.Equal("5,11,11,25\n", Fixtures.Text(outputs[0]!["text"]));
        Assert.Equal("52", Fixtures.Text(outputs[1]!["data"]!["text/plain"]));
        JsonArray shown = Fixtures.Outputs(Fixtures.Json(result.Executed), "display-after-r");
        Assert.Equal("[2, 2]", Fixtures.Text(shown.Single()!["data"]!["text/plain"]));
        // A tensor shows its values (small) or its range and mean (large), not a property tree.
        JsonNode small = Fixtures.Outputs(Fixtures.Json(result.Executed), "tensor-small").Single()!;
        Assert.Equal("[2x2], type = Float64, device = cpu\n  5 11\n 11 25", Fixtures.Text(small["data"]!["text/plain"]));
        JsonNode large = Fixtures.Outputs(Fixtures.Json(result.Executed), "tensor-large").Single()!;
        Assert.Equal("[16x256], type = Float32, device = cpu\nmin = 0, max = 4095, mean = 2047.5", Fixtures.Text(large["data"]!["text/plain"]));
    }

    [Fact]
    public async Task TheWholeBaseClassLibraryIsReferencedWithDotNetInteractivesImports()
    {
        // ScriptOptions.Default on .NET 10 lacks System.Linq, System.Net.Http and System.Text.Json (CS0234).
        Notebook notebook = NotebookFile.Parse("""
            {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
             {"cell_type": "code", "id": "a", "metadata": {}, "outputs": [], "source": "using System.Net.Http;\nvar client = typeof(HttpClient).Name;\nvar sb = new StringBuilder(client);\nSystem.Text.Json.JsonSerializer.Serialize(new ArrayList { 1 }.Cast<int>().Select(i => i * 2).Append(sb.Length))"}]}
            """, "bcl.ipynb");
        RunResult result = await NotebookRunner.RunAsync(notebook, Fixtures.PathOf("bcl.ipynb"), new RunOptions());
        Assert.True(result.Succeeded, result.Failure?.ToString());
        Assert.Equal("[2,10]", Fixtures.Text(Fixtures.Outputs(Fixtures.Json(result.Executed), "a").Single()!["data"]!["text/plain"]));
    }

    [Fact]
    public void LoadRunsAFileBesideTheNotebook()
    {
        RunResult result = Fixtures.Run("load.ipynb");
        Assert.True(result.Succeeded, result.Failure?.ToString());
        Assert.Equal("42", Fixtures.Text(Fixtures.Outputs(Fixtures.Json(result.Executed), "load")[0]!["data"]!["text/plain"]));
    }

    [Fact]
    public void AFailingCellStopsTheRunWithItsNumberLineAndMessage()
    {
        RunResult result = Fixtures.Run("failing.ipynb");
        Assert.False(result.Succeeded);
        Assert.Equal("cell 3 (id boom), line 3: InvalidOperationException: x + y = 3", result.Failure!.ToString());

        JsonObject nb = Fixtures.Json(result.Executed);
        Assert.Equal("first cell ran\n", Fixtures.Text(Fixtures.Outputs(nb, "ok")[0]!["text"]));
        JsonObject error = (JsonObject)Fixtures.Outputs(nb, "boom").Single()!;
        Assert.Equal("error", (string)error["output_type"]!);
        Assert.Equal("System.InvalidOperationException", (string)error["ename"]!);
        Assert.Equal("x + y = 3", (string)error["evalue"]!);
        var traceback = ((JsonArray)error["traceback"]!).Select(t => (string)t!).ToList();
        Assert.Equal("System.InvalidOperationException: x + y = 3", traceback[0]);
        Assert.Contains(traceback, t => t.EndsWith("in cell3.csx:line 3", StringComparison.Ordinal));
        Assert.DoesNotContain(traceback, t => t.Contains(Fixtures.Dir, StringComparison.Ordinal));

        // The cell after the failure did not run.
        Assert.Null(Fixtures.Cell(nb, "never")["execution_count"]);
        Assert.Empty(Fixtures.Outputs(nb, "never"));
        Assert.Equal("failed", (string)nb["metadata"]!["gencourse"]!["run"]!["status"]!);
        Assert.Equal(result.Failure.ToString(), (string)nb["metadata"]!["gencourse"]!["run"]!["error"]!);
    }

    [Fact]
    public void ACompileErrorStopsTheRunAtItsLine()
    {
        RunResult result = Fixtures.Run("compile-error.ipynb");
        Assert.Equal(2, result.Failure!.CellNumber);
        Assert.Equal(2, result.Failure.Line);
        Assert.Contains("CS0103", result.Failure.Message);
        Assert.Contains("undefinedName", result.Failure.Message);
        JsonObject error = (JsonObject)Fixtures.Outputs(Fixtures.Json(result.Executed), "bad").Single()!;
        Assert.Equal("CompilationError", (string)error["ename"]!);
        Assert.StartsWith("(2,13): error CS0103", (string)error["evalue"]!);
    }

    [Fact]
    public void ACellPastThePerCellTimeoutEndsTheRun()
    {
        // The limits leave the quick first cell seconds to spare: on a busy two-core machine its
        // compilation alone (a cold Roslyn) has taken over a second.
        RunResult result = Fixtures.Run("timeout.ipynb", new RunOptions { CellTimeout = TimeSpan.FromSeconds(4) });
        Assert.True(result.Failure!.TimedOut);
        Assert.Equal(2, result.Failure.CellNumber);
        Assert.Contains("per-cell time limit of 4 s", result.Failure.Message);
        JsonObject nb = Fixtures.Json(result.Executed);
        JsonArray slow = Fixtures.Outputs(nb, "slow");
        Assert.Equal("sleeping\n", Fixtures.Text(slow[0]!["text"]));
        Assert.Equal("System.TimeoutException", (string)slow[1]!["ename"]!);
        Assert.Empty(Fixtures.Outputs(nb, "never"));
        Assert.Equal("timeout", (string)nb["metadata"]!["gencourse"]!["run"]!["status"]!);
    }

    [Fact]
    public void TheWholeRunTimeoutEndsTheRunTheSameWay()
    {
        RunResult result = Fixtures.Run("timeout.ipynb", new RunOptions { RunTimeout = TimeSpan.FromSeconds(5), CellTimeout = TimeSpan.FromSeconds(30) });
        Assert.True(result.Failure!.TimedOut);
        Assert.Equal(2, result.Failure.CellNumber);
        Assert.Contains("whole run exceeded its time limit of 5 s", result.Failure.Message);
    }

    [Fact]
    public async Task TheSourceNotebookIsNotModified()
    {
        Notebook source = Fixtures.Load("failing.ipynb");
        string before = NotebookFile.Serialize(source);
        await NotebookRunner.RunAsync(source, Fixtures.PathOf("failing.ipynb"), new RunOptions());
        Assert.Equal(before, NotebookFile.Serialize(source));
    }

    [Fact]
    public void UnknownMetadataSurvivesARunAndStaleOutputsAreReplaced()
    {
        RunResult result = Fixtures.Run("metadata.ipynb");
        Assert.True(result.Succeeded, result.Failure?.ToString());
        JsonObject source = Fixtures.Json(Fixtures.Load("metadata.ipynb"));
        JsonObject executed = Fixtures.Json(result.Executed);

        foreach (string key in new[] { "authors", "unknown_tool", "language_info", "kernelspec", "polyglot_notebook" })
            Assert.True(JsonNode.DeepEquals(source["metadata"]![key], executed["metadata"]![key]), key);
        Assert.True(JsonNode.DeepEquals(source["cells"]![0], executed["cells"]![0]));   // markdown with attachment
        Assert.True(JsonNode.DeepEquals(source["cells"]![1], executed["cells"]![1]));   // raw cell
        JsonObject code = Fixtures.Cell(executed, "code");
        foreach (string key in new[] { "zeta", "vscode", "collapsed", "dotnet_interactive", "polyglot_notebook" })
            Assert.True(JsonNode.DeepEquals(Fixtures.Cell(source, "code")["metadata"]![key], code["metadata"]![key]), key);
        Assert.Equal("fresh output\n", Fixtures.Text(((JsonArray)code["outputs"]!).Single()!["text"]));
        Assert.Equal(1, (int)code["execution_count"]!);
    }

    [Fact]
    public void ARunIsDeterministicApartFromDurations()
    {
        static string Stable(RunResult r)
        {
            JsonObject nb = Fixtures.Json(r.Executed);
            foreach (JsonNode? cell in (JsonArray)nb["cells"]!) (cell!["metadata"] as JsonObject)?.Remove("gencourse");
            ((JsonObject)nb["metadata"]!["gencourse"]!["run"]!).Remove("duration_s");
            return nb.ToJsonString();
        }
        Assert.Equal(Stable(Fixtures.Run("display.ipynb")), Stable(Fixtures.Run("display.ipynb")));
    }

    [Fact]
    public void EachExecutedCellRecordsItsDuration()
    {
        JsonObject nb = Fixtures.Json(Fixtures.Run("result.ipynb").Executed);
        var code = ((JsonArray)nb["cells"]!).Where(c => (string)c!["cell_type"]! == "code").ToList();
        Assert.Equal(7, code.Count);
        foreach (JsonNode? cell in code)
            Assert.True((double)cell!["metadata"]!["gencourse"]!["duration_s"]! >= 0);
    }

    [Fact]
    public async Task ANonCSharpCellIsRefusedBeforeAnythingRuns()
    {
        Notebook notebook = NotebookFile.Parse("""
            {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
             {"cell_type": "code", "id": "a", "metadata": {}, "outputs": [], "source": "Console.WriteLine(1);"},
             {"cell_type": "code", "id": "b", "metadata": {"polyglot_notebook": {"kernelName": "fsharp"}}, "outputs": [], "source": "printfn \"x\""}]}
            """, "mixed.ipynb");
        var e = await Assert.ThrowsAsync<NotebookFormatException>(() => NotebookRunner.RunAsync(notebook, Fixtures.PathOf("mixed.ipynb"), new RunOptions()));
        Assert.Equal("mixed.ipynb: cell 2 (id b) is a fsharp cell; the runner runs C# cells only.", e.Message);
    }

    [Fact]
    public async Task AnUnsupportedMagicCommandFailsItsCellWithTheLine()
    {
        Notebook notebook = NotebookFile.Parse("""
            {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
             {"cell_type": "code", "id": "a", "metadata": {}, "outputs": [], "source": "#!csharp\n#!time\nvar x = 1;\n#!who"}]}
            """, "magic.ipynb");
        RunResult result = await NotebookRunner.RunAsync(notebook, Fixtures.PathOf("magic.ipynb"), new RunOptions());
        Assert.Equal(4, result.Failure!.Line);
        Assert.Contains("#!who is not supported", result.Failure.Message);
    }

    [Fact]
    public async Task MetricLinesAreCollectedIntoTheMetadata()
    {
        Notebook notebook = NotebookFile.Parse("""
            {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
             {"cell_type": "code", "id": "a", "metadata": {}, "outputs": [], "source": "Console.WriteLine(\"[metric] loss = 0.5\");\nConsole.WriteLine(\"not [metric] x = 1\");"},
             {"cell_type": "code", "id": "b", "metadata": {}, "outputs": [], "source": "Console.WriteLine(\"[metric] acc = 0.75\\n[metric] loss = 0.25\");"}]}
            """, "metrics.ipynb");
        RunResult result = await NotebookRunner.RunAsync(notebook, Fixtures.PathOf("metrics.ipynb"), new RunOptions());
        Assert.Equal([new("acc", 0.75), new KeyValuePair<string, double>("loss", 0.25)], result.Metrics);
        JsonObject metrics = (JsonObject)Fixtures.Json(result.Executed)["metadata"]!["gencourse"]!["metrics"]!;
        Assert.Equal(0.25, (double)metrics["loss"]!);
        Assert.Equal(0.75, (double)metrics["acc"]!);
    }
}
