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
