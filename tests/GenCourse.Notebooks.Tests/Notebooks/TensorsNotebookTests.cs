using System.Text.Json.Nodes;
using GenCourse.Notebooks.Runner;
using GenCourse.Notebooks.Runner.Parameters;

namespace GenCourse.Notebooks.Tests.Notebooks;

/// <summary>notebooks/00-tensors.ipynb: the engine tour runs headless with its quick profile.</summary>
public class TensorsNotebookTests
{
    private static readonly string Path = System.IO.Path.Combine(Paths.RepoRoot, "notebooks", "00-tensors.ipynb");

    [Fact]
    public async Task RunsWithTheQuickProfileAndTheFitImproves()
    {
        RunResult result = await NotebookRunner.RunAsync(NotebookFile.Load(Path), Path,
            new RunOptions { Parameters = new ParameterOverrides(Quick: true) });
        Assert.True(result.Succeeded, result.Failure?.ToString());

        // The autograd cell throws unless autograd matches the derivative worked out by hand.
        JsonObject nb = (JsonObject)JsonNode.Parse(NotebookFile.Serialize(result.Executed))!;
        Assert.Contains("by hand  -5.92926280", Fixtures.Text(Fixtures.Outputs(nb, "autograd")[0]!["text"]));

        // y = sin 2x + x/2 on [-2, 2] has variance ≈ 0.8; the quick fit (60 Adam steps) must fall well below it.
        double trainMse = result.Metrics.Single(m => m.Key == "train_mse").Value;
        Assert.InRange(trainMse, 0.005, 0.3);
        double firstLoss = result.Metrics.Single(m => m.Key == "initial_mse").Value;
        Assert.True(trainMse < firstLoss / 3, $"the MSE only fell from {firstLoss} to {trainMse}");
    }

    [Fact]
    public void IsWrittenAsDotNetInteractiveWritesNotebooks()
    {
        string text = File.ReadAllText(Path);
        Notebook notebook = NotebookFile.Parse(text, "00-tensors.ipynb");
        Assert.Equal(text, NotebookFile.Serialize(notebook));   // VS Code's layout

        JsonObject json = (JsonObject)JsonNode.Parse(text)!;
        Assert.Equal(".net-csharp", (string)json["metadata"]!["kernelspec"]!["name"]!);
        Assert.Equal("csharp", (string)json["metadata"]!["polyglot_notebook"]!["kernelInfo"]!["defaultKernelName"]!);
        Assert.Equal(5, (int)json["nbformat_minor"]!);
        foreach (NotebookCell cell in notebook.Cells.Where(c => c.IsCode))
        {
            Assert.Equal("csharp", (string)cell.Metadata["dotnet_interactive"]!["language"]!);
            Assert.Equal("csharp", (string)cell.Metadata["polyglot_notebook"]!["kernelName"]!);
            Assert.Null(cell.Json["execution_count"]?.GetValue<int>());
            Assert.Empty(cell.Outputs);
        }
        Assert.All(notebook.Cells, c => Assert.NotNull(c.Id));

        // The first code cell references the built library, and the path is right.
        string first = notebook.Cells.First(c => c.IsCode).Source;
        Assert.StartsWith("#r \"../artifacts/bin/GenCourse/Debug/GenCourse.dll\"\n#r \"../artifacts/bin/GenCourse/Debug/TorchSharp.dll\"", first);
        Assert.True(File.Exists(System.IO.Path.Combine(Paths.RepoRoot, "artifacts", "bin", "GenCourse", "Debug", "TorchSharp.dll")));
        Assert.True(notebook.Metadata["gencourse"]!["quick"] is JsonObject);
    }
}
