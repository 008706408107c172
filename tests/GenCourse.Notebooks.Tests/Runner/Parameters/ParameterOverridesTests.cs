using System.Text.Json.Nodes;
using GenCourse.Notebooks.Runner;
using GenCourse.Notebooks.Runner.Parameters;

namespace GenCourse.Notebooks.Tests.Runner.Parameters;

public class ParameterOverridesTests
{
    private static List<KeyValuePair<string, string>> P(params string[] pairs) =>
        pairs.Select(p => new KeyValuePair<string, string>(p.Split('=')[0], p[(p.IndexOf('=') + 1)..])).ToList();

    [Fact]
    public void ValuesAreInjectedAsTypedAssignmentsRightAfterTheParametersCell()
    {
        RunResult result = Fixtures.Run("parameters.ipynb", new RunOptions
        {
            Parameters = new ParameterOverrides(Params: P("lr=0.01", "epochs=3", "verbose=true", "sizes=4,5", "device=cuda", "scale=2")),
        });
        Assert.True(result.Succeeded, result.Failure?.ToString());
        JsonObject nb = Fixtures.Json(result.Executed);
        var ids = ((JsonArray)nb["cells"]!).Select(c => (string)c!["id"]!).ToList();
        Assert.Equal(["about", "params", "injected-parameters", "show"], ids);

        JsonObject injected = Fixtures.Cell(nb, "injected-parameters");
        Assert.Equal(["injected-parameters"], ((JsonArray)injected["metadata"]!["tags"]!).Select(t => (string)t!));
        Assert.Equal("csharp", (string)injected["metadata"]!["polyglot_notebook"]!["kernelName"]!);
        Assert.Equal("csharp", (string)injected["metadata"]!["dotnet_interactive"]!["language"]!);
        // Declaration order, whatever the command-line order.
        Assert.Equal(
            "// Parameters injected by `gencourse run` (papermill's convention)\n" +
            "epochs = 3;\nlr = 0.01;\nscale = 2f;\nverbose = true;\ndevice = \"cuda\";\nsizes = new long[] { 4L, 5L };",
            Fixtures.Text(injected["source"]));

        Assert.Equal(
            "epochs=3 (Int32)\nlr=0.01 (Double)\nscale=2 (Single)\nverbose=True\ndevice=cuda\nsizes=4|5\nseed=42\n",
            Fixtures.Text(Fixtures.Outputs(nb, "show")[0]!["text"]));
        JsonNode recorded = nb["metadata"]!["papermill"]!["parameters"]!;
        Assert.Equal("""{"device":"cuda","epochs":3,"lr":0.01,"scale":2.0,"sizes":[4,5],"verbose":true}""", recorded.ToJsonString());
    }

    [Fact]
    public void QuickUsesTheNotebooksOwnProfileAndParamsOverrideIt()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("p.json"), """{"lr": 0.5, "epochs": 2}""");
        RunResult result = Fixtures.Run("parameters.ipynb", new RunOptions
        {
            Parameters = new ParameterOverrides(Quick: true, ParamsFile: dir.File("p.json"), Params: P("lr=0.125")),
        });
        Assert.True(result.Succeeded, result.Failure?.ToString());
        string shown = Fixtures.Text(Fixtures.Outputs(Fixtures.Json(result.Executed), "show")[0]!["text"]);
        // quick sets epochs=1 and device=cpu; the file overrides epochs; --param overrides the file's lr.
        Assert.StartsWith("epochs=2 (Int32)\nlr=0.125 (Double)\n", shown);
        Assert.Contains("device=cpu\n", shown);
        Assert.Equal("quick", (string)Fixtures.Json(result.Executed)["metadata"]!["gencourse"]!["run"]!["profile"]!);
    }

    [Fact]
    public void AnUnknownNameIsAnErrorBeforeAnyCellRuns()
    {
        var e = Assert.Throws<NotebookFormatException>(() => Fixtures.Run("parameters.ipynb",
            new RunOptions { Parameters = new ParameterOverrides(Params: P("epoch=3")) }));
        Assert.Equal(
            "--param epoch=3: parameters.ipynb has no parameter 'epoch' in its cell 2 (id params) tagged \"parameters\" " +
            "(it declares: epochs, lr, scale, verbose, device, sizes, seed).", e.Message);
    }

    [Fact]
    public void AnUnparsableValueIsAnErrorBeforeAnyCellRuns()
    {
        var e = Assert.Throws<NotebookFormatException>(() => Fixtures.Run("parameters.ipynb",
            new RunOptions { Parameters = new ParameterOverrides(Params: P("epochs=ten")) }));
        Assert.Equal("--param epochs=ten: 'ten' is not a int for parameter 'epochs' (declared `int epochs = 10;`).", e.Message);
    }

    [Fact]
    public void ABadValueInTheParamsFileNamesTheFile()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("p.json"), """{"verbose": "maybe"}""");
        var e = Assert.Throws<NotebookFormatException>(() => Fixtures.Run("parameters.ipynb",
            new RunOptions { Parameters = new ParameterOverrides(ParamsFile: dir.File("p.json")) }));
        Assert.Contains($"--params-file {dir.File("p.json")}: verbose: 'maybe' is not a bool", e.Message);
    }

    [Fact]
    public void ANotebookWithoutAParametersCellTakesNone()
    {
        var e = Assert.Throws<NotebookFormatException>(() => Fixtures.Run("result.ipynb",
            new RunOptions { Parameters = new ParameterOverrides(Params: P("n=3")) }));
        Assert.Contains("has no cell tagged \"parameters\"", e.Message);
    }

    [Fact]
    public void QuickNeedsAQuickProfile()
    {
        var e = Assert.Throws<NotebookFormatException>(() => Fixtures.Run("result.ipynb",
            new RunOptions { Parameters = new ParameterOverrides(Quick: true) }));
        Assert.Contains("result.ipynb has no quick profile", e.Message);
    }

    [Fact]
    public async Task ASecondRunReplacesTheInjectedCell()
    {
        RunResult first = Fixtures.Run("parameters.ipynb", new RunOptions { Parameters = new ParameterOverrides(Params: P("epochs=3")) });
        RunResult second = await NotebookRunner.RunAsync(first.Executed, Fixtures.PathOf("parameters.ipynb"),
            new RunOptions { Parameters = new ParameterOverrides(Params: P("epochs=5")) });
        JsonObject nb = Fixtures.Json(second.Executed);
        Assert.Single((JsonArray)nb["cells"]!, c => ((string)c!["id"]!).StartsWith("injected-parameters", StringComparison.Ordinal));
        Assert.StartsWith("epochs=5 (Int32)", Fixtures.Text(Fixtures.Outputs(nb, "show")[0]!["text"]));
    }
}
