using GenCourse.Data;
using GenCourse.Tests.Data;
using GenCourse.Training;
using GenCourse.Vae;

namespace GenCourse.Tests.Vae;

public class VaeTrainerTests
{
    private static float[] Flat(nn.Module m) => m.parameters().SelectMany(p => p.ToArray<float>()).ToArray();

    [Fact]
    public void ANanLossIsReportedWithItsStepBeforeAnyUpdate()
    {
        using var vae = VaeAssert.TinyVae();
        using var opt = optim.Adam(vae.parameters(), lr: 1e-2);
        var trainer = new VaeTrainer(vae, opt);
        using var good = torch.rand(8, 1, 4, 4).round();
        trainer.TrainStep(good);
        trainer.TrainStep(good);
        float[] before = Flat(vae);
        using var bad = good.clone();
        using (var row = bad[3]) row.fill_(double.NaN);
        var e = Assert.Throws<NonFiniteLossException>(() => trainer.TrainStep(bad));
        Assert.Equal(3, e.Step);
        Assert.Equal(0, e.Epoch);
        Assert.Contains("step 3", e.Message);
        Assert.True(double.IsNaN(e.Terms["reconstruction"]));
        Assert.Equal(2, trainer.Step);
        Assert.Equal(before, Flat(vae));   // the bad step changed nothing
    }

    [Fact]
    public void ANanInTheMiddleOfAnEpochNamesTheGlobalStepAndEpoch()
    {
        using var vae = VaeAssert.TinyVae();
        using var opt = optim.Adam(vae.parameters(), lr: 1e-3);
        var trainer = new VaeTrainer(vae, opt);
        using Tensor images = torch.rand(12, 1, 4, 4).round();
        using Tensor labels = torch.zeros(new long[] { 12 }, ScalarType.Int64);
        var loader = new DataLoader(images, labels, batchSize: 4);
        trainer.TrainEpoch(loader);                                   // steps 1–3
        using (var row = images[6]) row.fill_(double.NaN);            // lands in the second batch
        var e = Assert.Throws<NonFiniteLossException>(() => trainer.TrainEpoch(loader));
        Assert.Equal(5, e.Step);
        Assert.Equal(1, e.Epoch);
    }

    [Fact]
    public void HistoryRecordsTheWeightedLossAndItsTerms()
    {
        using var vae = VaeAssert.TinyVae();
        using var opt = optim.Adam(vae.parameters(), lr: 1e-3);
        var trainer = new VaeTrainer(vae, opt, beta: 0.25);
        using Tensor images = torch.rand(10, 1, 4, 4).round();
        var loader = new DataLoader(images, null, batchSize: 4);
        IReadOnlyList<VaeEpochRecord> h = trainer.Fit(loader, epochs: 2);
        Assert.Equal(2, h.Count);
        Assert.Equal(new[] { 0, 1 }, h.Select(r => r.Epoch));
        Assert.All(h, r => Assert.Equal(3, r.Steps));
        Assert.All(h, r => VaeAssert.Close(r.ReconstructionLoss + 0.25 * r.Kl, r.Loss, 1e-6));
        Assert.Equal(6, trainer.Step);
    }

    /// <summary>16 fixed binary 8×8 "images": a bar at one of 8 rows or 8 columns (a 16-pattern data set the VAE can learn).</summary>
    private static Tensor Bars()
    {
        var v = new float[16 * 64];
        for (int k = 0; k < 16; ++k)
            for (int i = 0; i < 8; ++i)
                v[k * 64 + (k < 8 ? k * 8 + i : i * 8 + (k - 8))] = 1;
        return torch.tensor(v, new long[] { 16, 1, 8, 8 });
    }

    [Fact]
    public void AConvVaeUsesItsCodeToBeatTheBestCodeFreeModel()
    {
        // A decoder that ignores z can at best predict each pixel's marginal, on in 2 of the 16
        // images: 64·H(1/8) = 64·0.3768 ≈ 24.1 nats. Below that, the code carries information.
        double floor = -64 * (0.125 * Math.Log(0.125) + 0.875 * Math.Log(0.875));
        var options = new VaeOptions { ImageShape = [1, 8, 8], Architecture = VaeArchitecture.Conv, ConvChannels = [8, 16], HiddenSizes = [32], LatentDim = 4 };
        using var vae = new GenCourse.Vae.Vae(options);
        using var opt = optim.Adam(vae.parameters(), lr: 3e-3);
        using var g = new Generator(12);
        var trainer = new VaeTrainer(vae, opt, generator: g);
        using Tensor x = Bars();
        VaeStepResult r = trainer.TrainStep(x);
        for (int i = 1; i < 800; ++i) r = trainer.TrainStep(x);
        Assert.True(r.Loss < floor - 6, $"−ELBO {r.Loss:F2} is not clearly below the code-free floor {floor:F2} (KL {r.Kl:F2})");
        Assert.True(r.Kl > Math.Log(4), $"KL {r.Kl:F2}: the code should carry at least a few of the log 16 nats that tell the images apart");
    }

    [Fact]
    public void AGaussianDecoderLearnsItsVariance()
    {
        var options = new VaeOptions { ImageShape = [1, 8, 8], HiddenSizes = [32], LatentDim = 4, Likelihood = DecoderLikelihood.Gaussian };
        using var vae = new GenCourse.Vae.Vae(options);
        using var opt = optim.Adam(vae.parameters(), lr: 1e-2);
        using var g = new Generator(13);
        var trainer = new VaeTrainer(vae, opt, generator: g);
        using Tensor x = Bars();
        double first = trainer.TrainStep(x).Loss, last = first;
        for (int i = 0; i < 300; ++i) last = trainer.TrainStep(x).Loss;
        // At log σ_x² = 0 the loss is ≥ 64·½ log 2π ≈ 58.8 nats; a shrinking σ_x takes it far below.
        Assert.True(last < first - 20, $"the loss only went from {first:F2} to {last:F2}");
        Assert.True(vae.DecoderLogVar().ToSingle() < -1, "the learned decoder variance should shrink well below 1");
    }

    [DataSetFact("MNIST")]
    public void AnMlpVaeLearnsBinarisedMnist()
    {
        // 1,024 training digits, 10 epochs of 8 steps. At initialisation −ELBO ≈ 784·log 2 ≈ 543
        // nats; a working ELBO, gradient and optimizer bring it well below 250.
        using ImageDataset train = Mnist.Load(DataSplit.Train);
        using ImageDataset subset = train.RandomSubset(1024, seed: 3);
        using Tensor binary = ImageTransforms.BinarizeFixed(subset.Images, seed: 4);
        using var vae = new GenCourse.Vae.Vae(new VaeOptions { HiddenSizes = [200], LatentDim = 10 });
        using var opt = optim.Adam(vae.parameters(), lr: 3e-3);
        using var g = new Generator(5);
        var trainer = new VaeTrainer(vae, opt, generator: g);
        var loader = new DataLoader(binary, null, batchSize: 128, shuffle: true, seed: 6);
        IReadOnlyList<VaeEpochRecord> h = trainer.Fit(loader, epochs: 10);
        Assert.InRange(h[0].NegativeElbo, 230, 560);
        Assert.True(h[^1].NegativeElbo < 250, $"−ELBO only fell from {h[0].NegativeElbo:F1} to {h[^1].NegativeElbo:F1}");
        Assert.True(h[^1].Kl > 1, "the KL collapsed to zero: the latent code carries nothing");
        ElboSummary test = Elbo.Evaluate(vae, binary.narrow(0, 0, 256));
        Assert.True(test.NegativeElbo < 250);
    }
}
