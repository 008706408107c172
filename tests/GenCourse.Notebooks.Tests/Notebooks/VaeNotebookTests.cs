using System.Text.Json.Nodes;
using GenCourse.Notebooks.Runner;
using GenCourse.Notebooks.Runner.Parameters;

namespace GenCourse.Notebooks.Tests.Notebooks;

/// <summary>
/// notebooks/02-vae.ipynb runs headless with its quick profile, training every model afresh
/// (checkpoints go to a temporary folder), and its self-checks and numbers hold.
/// </summary>
public class VaeNotebookTests
{
    private static readonly string Path = System.IO.Path.Combine(Paths.RepoRoot, "notebooks", "02-vae.ipynb");

    [MnistFact]
    public async Task RunsWithTheQuickProfileAndItsNumbersHold()
    {
        using var temp = new TempDir();
        RunResult result = await NotebookRunner.RunAsync(NotebookFile.Load(Path), Path, new RunOptions
        {
            Parameters = new ParameterOverrides(Quick: true, Params: [new("checkpoints", temp.Path)]),
        });
        Assert.True(result.Succeeded, result.Failure?.ToString());
        JsonObject nb = (JsonObject)JsonNode.Parse(NotebookFile.Serialize(result.Executed))!;

        // The toy model's identity cell throws unless log p(x) = ELBO + KL to 1e-6.
        Assert.Contains("log p(x) = ELBO + KL", Fixtures.Text(Fixtures.Outputs(nb, "toy")[0]!["data"]!["text/plain"]));

        // Every model was trained here, not loaded.
        Assert.Contains("trained and saved", Fixtures.Text(Fixtures.Outputs(nb, "train-main")[^1]!["text"]));

        double Metric(string name) => result.Metrics.Single(m => m.Key == name).Value;
        // 3 epochs on 5,000 images: well below the ≈ 540 nats of an untrained model, above the ≈ 105 of the full run.
        Assert.InRange(Metric("test_loss_pytorch_config"), 105, 200);
        // The importance-weighted estimate must not exceed the bound it tightens.
        Assert.True(Metric("test_is_nll_binarised") < Metric("test_neg_elbo_binarised"));
        Assert.Equal(Metric("test_is_nll_binarised") / (784 * Math.Log(2)), Metric("test_bits_per_dim_binarised"), 9);

        // Figures: toy posterior, IWAE curve, loss curves, reconstructions, samples, interpolation,
        // scatter, manifold, rate–distortion, two β grids, AE vs VAE, binarised curve.
        int figures = ((JsonArray)nb["cells"]!).SelectMany(c => (JsonArray?)c!["outputs"] ?? [])
            .Count(o => o!["data"] is JsonObject d && (d.ContainsKey("image/png") || d.ContainsKey("image/svg+xml")));
        Assert.True(figures >= 13, $"only {figures} figures");
    }
}
