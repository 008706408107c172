using System.Text.Json.Nodes;
using GenCourse.Notebooks.Runner;
using GenCourse.Notebooks.Runner.Parameters;

namespace GenCourse.Notebooks.Tests.Notebooks;

/// <summary>notebooks/01-autoencoders.ipynb: chapter 1 runs headless with its quick profile and its checks hold.</summary>
public class AutoencodersNotebookTests
{
    private static readonly string Path = System.IO.Path.Combine(Paths.RepoRoot, "notebooks", "01-autoencoders.ipynb");

    [MnistFact]
    public async Task RunsWithTheQuickProfileAndItsNumbersHold()
    {
        // A fresh checkpoint folder, so that the run trains every model rather than loading them.
        using var checkpoints = new TempDir();
        RunResult result = await NotebookRunner.RunAsync(NotebookFile.Load(Path), Path, new RunOptions
        {
            Parameters = new ParameterOverrides(Quick: true, Params: new[] { KeyValuePair.Create("checkpoints", checkpoints.Path) }),
        });
        Assert.True(result.Succeeded, result.Failure?.ToString());
        double Metric(string name) => result.Metrics.Single(m => m.Key == name).Value;

        // The notebook throws unless the KL gradient matches its formula and the closed-form
        // Jacobian norm matches autograd; these are the numbers it reports besides.
        Assert.True(Metric("synthetic_largest_principal_angle") < 0.01, $"linear AE vs PCA on synthetic data: {Metric("synthetic_largest_principal_angle")} rad");
        Assert.InRange(Metric("linear_ae_to_pca_ratio"), 0.95, 1.2);
        // Predicting the mean image costs ≈ 0.067 per pixel; even two quick epochs of the conv AE must beat it clearly.
        Assert.InRange(Metric("test_mse_per_pixel"), 0.001, 0.045);
        Assert.True(Metric("test_mse_per_pixel") < Metric("pca_test_mse_per_pixel") * 1.5);
        Assert.True(Metric("random_code_nearest_train_mse") > 1.5 * Metric("reconstruction_nearest_train_mse"),
            $"decoded random codes ({Metric("random_code_nearest_train_mse"):F4}) should lie farther from the training digits than reconstructions ({Metric("reconstruction_nearest_train_mse"):F4})");
        Assert.True(Metric("dae_gaussian_test_mse_per_pixel") < 0.5 * 0.25, "σ = 0.5 noise left in costs 0.25 per pixel");

        // Ten figures, each followed by its caption.
        JsonObject nb = (JsonObject)JsonNode.Parse(NotebookFile.Serialize(result.Executed))!;
        var cells = ((JsonArray)nb["cells"]!).Select(c => (JsonObject)c!).ToList();
        int figures = 0;
        for (int i = 0; i < cells.Count; ++i)
        {
            bool hasFigure = cells[i]["outputs"] is JsonArray outputs &&
                outputs.Any(o => o!["data"] is JsonObject data && (data.ContainsKey("image/png") || data.ContainsKey("image/svg+xml")));
            if (!hasFigure) continue;
            ++figures;
            Assert.True(i + 1 < cells.Count && (string)cells[i + 1]["cell_type"]! == "markdown" &&
                        Fixtures.Text(cells[i + 1]["source"]).StartsWith($"**Figure {figures}.**", StringComparison.Ordinal),
                $"figure {figures} (cell {(string?)cells[i]["id"]}) is not followed by its caption");
        }
        Assert.Equal(10, figures);
    }

    [Fact]
    public void IsWrittenAsDotNetInteractiveWritesNotebooks()
    {
        string text = File.ReadAllText(Path);
        Notebook notebook = NotebookFile.Parse(text, "01-autoencoders.ipynb");
        Assert.Equal(text, NotebookFile.Serialize(notebook));   // VS Code's layout

        JsonObject json = (JsonObject)JsonNode.Parse(text)!;
        Assert.Equal(".net-csharp", (string)json["metadata"]!["kernelspec"]!["name"]!);
        Assert.Equal("test_mse_per_pixel", (string)json["metadata"]!["gencourse"]!["key_metric"]!);
        Assert.True(json["metadata"]!["gencourse"]!["quick"] is JsonObject);
        foreach (NotebookCell cell in notebook.Cells.Where(c => c.IsCode))
        {
            Assert.Equal("csharp", (string)cell.Metadata["dotnet_interactive"]!["language"]!);
            Assert.Empty(cell.Outputs);
        }
        string first = notebook.Cells.First(c => c.IsCode).Source;
        Assert.StartsWith("#r \"../artifacts/bin/GenCourse/Debug/GenCourse.dll\"\n#r \"../artifacts/bin/GenCourse/Debug/TorchSharp.dll\"", first);
    }
}
