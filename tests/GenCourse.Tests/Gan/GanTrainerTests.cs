using GenCourse.Data;
using GenCourse.Gan;
using GenCourse.Training;

namespace GenCourse.Tests.Gan;

/// <summary>Tests that read the process-wide live-tensor count run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GanLiveTensorCollection
{
    public const string Name = "Gan: live tensors";
}

[Collection(GanLiveTensorCollection.Name)]
public class GanTrainerTests
{
    private static readonly DcganOptions Small = new() { LatentDim = 16, Features = 8 };

    private static float[] Flat(nn.Module m) => m.parameters().SelectMany(p => p.ToArray<float>()).ToArray();

    /// <summary>A G and D of width 8, initialised as in the paper from <paramref name="seed"/>.</summary>
    private static (DcganGenerator G, DcganDiscriminator D) Models(ulong seed)
    {
        using var rng = new Generator(seed);
        var g = DcganInit.Apply(new DcganGenerator(Small), rng);
        var d = DcganInit.Apply(new DcganDiscriminator(Small), rng);
        return (g, d);
    }

    /// <summary>
    /// <paramref name="n"/> "real" images in [−1, 1]: a bright centred disc of radius 7 on a dark
    /// background, with a little noise, against which a G fresh from initialisation (grey images) loses.
    /// </summary>
    private static Tensor Discs(int n = 16)
    {
        var v = new float[n * 28 * 28];
        var noise = new Random(7);
        for (int k = 0; k < n; ++k)
            for (int i = 0; i < 28; ++i)
                for (int j = 0; j < 28; ++j)
                {
                    double r2 = (i - 13.5) * (i - 13.5) + (j - 13.5) * (j - 13.5);
                    v[(k * 28 + i) * 28 + j] = (float)((r2 < 49 ? 0.9 : -0.9) + 0.1 * (2 * noise.NextDouble() - 1));
                }
        return torch.tensor(v, new long[] { n, 1, 28, 28 });
    }

    [Fact]
    public void TheDiscriminatorLearnsToTellTheRealBatchFromTheFakes()
    {
        // At initialisation D cannot tell (L_D ≈ 2 log 2 ≈ 1.386, D(x) ≈ ½). Forty steps of the paper's
        // Adam take D's loss well down and its score on the real discs towards 1.
        (DcganGenerator g, DcganDiscriminator d) = Models(1);
        using (g)
        using (d)
        using (var rng = new Generator(2))
        using (var trainer = GanTrainer.WithPaperOptimizers(g, d, rng))
        using (Tensor x = Discs())
        {
            var r = Enumerable.Range(0, 40).Select(_ => trainer.TrainStep(x)).ToList();
            Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), r.Select(s => s.Step));
            Assert.InRange(r[0].LossD, 1.1, 1.5);
            Assert.InRange(r[0].DReal, 0.35, 0.65);
            double first = r.Take(5).Average(s => s.LossD), last = r.TakeLast(5).Average(s => s.LossD);
            Assert.True(last < first - 0.25, $"L_D only went from {first:F3} to {last:F3}");
            Assert.True(r.TakeLast(5).Average(s => s.DReal) > 0.85, $"D(x) ends at {r[^1].DReal:F3}");
            Assert.All(r, s => Assert.True(s.LossD >= -Math.Log(s.DReal) - Math.Log(1 - s.DFake) - 1e-6,
                "Jensen: mean −log σ(l) ≥ −log mean σ(l), so L_D ≥ −log D(x) − log(1 − D(G(z)))"));
        }
    }

    [Fact]
    public void OneStepReportsTheTutorialsNumbersAndMovesBothPlayersDownhill()
    {
        // Replay step 1 by hand: the same z (same seed), D before its update for L_D, D(x), D(G(z)),
        // D after its update (and G before its own) for L_G.
        (DcganGenerator g, DcganDiscriminator d) = Models(3);
        (DcganGenerator g0, DcganDiscriminator d0) = Models(3);   // copies of the models before the step
        using (g)
        using (d)
        using (g0)
        using (d0)
        using (var rng = new Generator(4))
        using (var trainer = GanTrainer.WithPaperOptimizers(g, d, rng))
        using (Tensor x = Discs(8))
        using (torch.NewDisposeScope())
        {
            GanStepResult r = trainer.TrainStep(x);
            using var replay = new Generator(4);
            Tensor z = torch.randn(new long[] { 8, 16 }, generator: replay);
            Tensor fake0 = g0.call(z);
            Tensor lReal0 = d0.call(x), lFake0 = d0.call(fake0);
            Assert.Equal(GanLoss.Discriminator(lReal0, lFake0).ToDouble(), r.LossD, 5);
            Assert.Equal(lReal0.sigmoid().mean().ToDouble(), r.DReal, 5);
            Assert.Equal(lFake0.sigmoid().mean().ToDouble(), r.DFake, 5);
            // L_G of the old G against the updated D is what G descended on.
            Assert.Equal(GanLoss.GeneratorNonSaturating(d.call(fake0)).ToDouble(), r.LossG, 5);
            // Each update lowered its own player's loss on the same batch.
            Assert.True(GanLoss.Discriminator(d.call(x), d.call(fake0)).ToDouble() < r.LossD);
            Assert.True(GanLoss.GeneratorNonSaturating(d.call(g.call(z))).ToDouble() < r.LossG);
        }
    }

    [Fact]
    public void TrainingLeavesNoTensorsBehind()
    {
        (DcganGenerator g, DcganDiscriminator d) = Models(5);
        using (g)
        using (d)
        using (var trainer = GanTrainer.WithPaperOptimizers(g, d))
        using (Tensor x = Discs(4))
        {
            trainer.TrainStep(x);                    // creates the optimizers' state
            long baseline = Tensor.TotalCount;
            for (int i = 0; i < 3; ++i) trainer.TrainStep(x);
            Assert.Equal(baseline, Tensor.TotalCount);
        }
    }

    [Fact]
    public void ANanLossIsReportedWithItsStepBeforeAnyUpdate()
    {
        (DcganGenerator g, DcganDiscriminator d) = Models(6);
        using (g)
        using (d)
        using (var trainer = GanTrainer.WithPaperOptimizers(g, d))
        using (Tensor good = Discs(4))
        using (Tensor bad = good.clone())
        {
            trainer.TrainStep(good);
            trainer.TrainStep(good);
            float[] gBefore = Flat(g), dBefore = Flat(d);
            using (Tensor row = bad[2]) row.fill_(double.NaN);
            var e = Assert.Throws<NonFiniteLossException>(() => trainer.TrainStep(bad));
            Assert.Equal(3, e.Step);
            Assert.Equal(0, e.Epoch);
            Assert.Contains("step 3", e.Message);
            Assert.True(double.IsNaN(e.Terms["loss_d"]));
            Assert.Equal(2, trainer.Step);
            Assert.Equal(gBefore, Flat(g));
            Assert.Equal(dBefore, Flat(d));
        }
    }

    [Fact]
    public void AnEpochAveragesItsStepsAndCountsThem()
    {
        // 10 images in batches of 4, 4, 2: the record is the size-weighted mean of the steps,
        // replayed here by a second trainer from the same seeds stepping through the same batches.
        (DcganGenerator g1, DcganDiscriminator d1) = Models(7);
        (DcganGenerator g2, DcganDiscriminator d2) = Models(7);
        using (g1)
        using (d1)
        using (g2)
        using (d2)
        using (var rng1 = new Generator(8))
        using (var rng2 = new Generator(8))
        using (var byEpoch = GanTrainer.WithPaperOptimizers(g1, d1, rng1))
        using (var byStep = GanTrainer.WithPaperOptimizers(g2, d2, rng2))
        using (Tensor x = Discs(10))
        {
            GanEpochRecord e = byEpoch.TrainEpoch(new DataLoader(x, null, batchSize: 4));
            GanStepResult[] s = [byStep.TrainStep(x.narrow(0, 0, 4)), byStep.TrainStep(x.narrow(0, 4, 4)), byStep.TrainStep(x.narrow(0, 8, 2))];
            double Weighted(Func<GanStepResult, double> f) => (4 * f(s[0]) + 4 * f(s[1]) + 2 * f(s[2])) / 10;
            Assert.Equal(0, e.Epoch);
            Assert.Equal(3, e.Steps);
            Assert.Equal(3, byEpoch.Step);
            Assert.Equal(Weighted(r => r.LossD), e.LossD, 5);
            Assert.Equal(Weighted(r => r.LossG), e.LossG, 5);
            Assert.Equal(Weighted(r => r.DReal), e.DReal, 5);
            Assert.Equal(Weighted(r => r.DFake), e.DFake, 5);
            IReadOnlyList<GanEpochRecord> h = byEpoch.Fit(new DataLoader(x, null, batchSize: 5), epochs: 1);
            Assert.Equal([0, 1], h.Select(r => r.Epoch));
            Assert.Equal(5, byEpoch.Step);
        }
    }

    [Fact]
    public void BadInputsAreRejectedWithAReason()
    {
        (DcganGenerator g, DcganDiscriminator d) = Models(9);
        using var d32 = new DcganDiscriminator(Small with { ImageSize = 32 });
        using (g)
        using (d)
        using (var trainer = GanTrainer.WithPaperOptimizers(g, d))
        using (Tensor flat = torch.rand(4, 28, 28))
        using (Tensor rgb = torch.rand(4, 3, 28, 28))
        {
            Assert.Contains("[B, 1, 28, 28]", Assert.Throws<ArgumentException>(() => trainer.TrainStep(flat)).Message);
            Assert.Contains("got [4, 3, 28, 28]", Assert.Throws<ArgumentException>(() => trainer.TrainStep(rgb)).Message);
            Assert.Contains("same DcganOptions", Assert.Throws<ArgumentException>(() => GanTrainer.WithPaperOptimizers(g, d32)).Message);
            using var opt = GanTrainer.PaperAdam(g);
            Assert.Contains("an optimizer each", Assert.Throws<ArgumentException>(() => new GanTrainer(g, d, opt, opt)).Message);
            Assert.Equal(0, trainer.Step);
        }
    }

    [Fact]
    public void ThePapersOptimizerIsAdamWithLearningRate2e4AndBeta05()
    {
        using var g = new DcganGenerator(Small);
        using var adam = GanTrainer.PaperAdam(g);
        var group = (TorchSharp.Modules.Adam.ParamGroup)adam.ParamGroups.Single();
        Assert.Equal(2e-4, group.LearningRate);
        Assert.Equal((0.5, 0.999), group.Betas);
        Assert.Equal(g.parameters().Count(), group.Parameters.Count());
    }
}
