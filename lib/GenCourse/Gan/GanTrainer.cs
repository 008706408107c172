using System.Diagnostics;
using GenCourse.Data;
using TorchSharp;

using static TorchSharp.torch;
using GenCourse.Engine;
using Adam = TorchSharp.Modules.Adam;
using GenCourse.Training;

namespace GenCourse.Gan;

/// <summary>
/// Alternating GAN training (Goodfellow et al. 2014, arXiv:1406.2661, Algorithm 1 with k = 1 and
/// the non-saturating generator loss), step for step as the PyTorch DCGAN tutorial writes it:
/// <code>
/// 1. D: zero D's gradients; l_real = D(x); z ~ N(0, I) [B, nz]; x̃ = G(z); l_fake = D(x̃.detach())
///       L_D = BCE(l_real, 1) + BCE(l_fake, 0); stop if not finite; L_D.backward(); D's optimizer steps
/// 2. G: zero G's gradients; L_G = BCE(D(x̃), 1) with the updated D; stop if not finite;
///       L_G.backward(); G's optimizer steps
/// </code>
/// x̃ is detached in step 1 so that L_D trains only D; step 2 reuses the same fakes (one G forward
/// per step). Both models stay in training mode, so BN normalises the real and the fake batch each
/// with its own statistics. The trainer owns the two optimizers and disposes them; the models stay the caller's.
/// </summary>
public sealed class GanTrainer : IDisposable
{
    private readonly List<GanEpochRecord> history = new();
    private bool disposed;

    /// <param name="generator">G (create its optimizer after moving it to its device)</param>
    /// <param name="discriminator">D, on G's device</param>
    /// <param name="optimizerG">the optimizer over <c>generator.parameters()</c>, e.g. <see cref="PaperAdam"/></param>
    /// <param name="optimizerD">the optimizer over <c>discriminator.parameters()</c></param>
    /// <param name="rng">source of the noise z, on the models' device; the global generator if null</param>
    public GanTrainer(DcganGenerator generator, DcganDiscriminator discriminator, optim.Optimizer optimizerG, optim.Optimizer optimizerD, Generator? rng = null)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentNullException.ThrowIfNull(discriminator);
        ArgumentNullException.ThrowIfNull(optimizerG);
        ArgumentNullException.ThrowIfNull(optimizerD);
        if (ReferenceEquals(optimizerG, optimizerD))
            throw new ArgumentException("G and D need an optimizer each: one optimizer over both would let L_D update G (and L_G update D)", nameof(optimizerD));
        if (!generator.Options.ImageShape.SequenceEqual(discriminator.Options.ImageShape))
            throw new ArgumentException($"G makes images [{string.Join(", ", generator.Options.ImageShape)}] but D reads [{string.Join(", ", discriminator.Options.ImageShape)}]; build both from the same DcganOptions", nameof(discriminator));
        if (!generator.Device.SameAs(discriminator.Device))
            throw new ArgumentException($"G is on {generator.Device} but D on {discriminator.Device}; move both to one device before creating their optimizers", nameof(discriminator));
        Generator = generator;
        Discriminator = discriminator;
        OptimizerG = optimizerG;
        OptimizerD = optimizerD;
        Rng = rng;
    }

    /// <summary>A trainer with <see cref="PaperAdam"/> for each model.</summary>
    public static GanTrainer WithPaperOptimizers(DcganGenerator generator, DcganDiscriminator discriminator, Generator? rng = null)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentNullException.ThrowIfNull(discriminator);
        Adam optG = PaperAdam(generator);
        Adam optD = PaperAdam(discriminator);
        try
        {
            return new GanTrainer(generator, discriminator, optG, optD, rng);
        }
        catch
        {
            optG.Dispose();
            optD.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Radford et al. 2015, §4: Adam with learning rate 2e-4 (1e-3 "was too high") and β₁ = 0.5
    /// (0.9 "resulted in training oscillation and instability"), β₂ = 0.999.
    /// </summary>
    public static Adam PaperAdam(nn.Module model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return optim.Adam(model.parameters(), lr: 2e-4, beta1: 0.5, beta2: 0.999);
    }

    public DcganGenerator Generator { get; }
    public DcganDiscriminator Discriminator { get; }
    public optim.Optimizer OptimizerG { get; }
    public optim.Optimizer OptimizerD { get; }

    /// <summary>Where z comes from (null: the global generator).</summary>
    public Generator? Rng { get; }

    /// <summary>Steps taken so far.</summary>
    public long Step { get; private set; }

    /// <summary>One record per finished epoch.</summary>
    public IReadOnlyList<GanEpochRecord> History => history;

    /// <summary>
    /// One D update and one G update on the real images <paramref name="real"/> [B, C, s, s] in
    /// [−1, 1] (on the models' device). Throws <see cref="NonFiniteLossException"/> naming the step
    /// if L_D is NaN or ±∞, before either update, or if L_G is, before G's update (D has then taken
    /// its step: L_G is computed with the updated D). The parameters are then those of the last good
    /// update; BatchNorm's running statistics (used only in eval mode) have already seen the batch.
    /// </summary>
    public GanStepResult TrainStep(Tensor real)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        ArgumentNullException.ThrowIfNull(real);
        long[] image = Discriminator.Options.ImageShape;
        long[] s = real.shape;
        if (s.Length != 4 || !s[1..].SequenceEqual(image) || s[0] < 1)
            throw new ArgumentException($"the real batch must be images [B, {string.Join(", ", image)}] with B ≥ 1, got [{string.Join(", ", s)}]", nameof(real));
        if (!real.device.SameAs(Discriminator.Device))
            throw new ArgumentException($"the real batch is on {real.device} but the models are on {Discriminator.Device}; move it with real.to(device)", nameof(real));
        Generator.train();
        Discriminator.train();
        long step = Step + 1;
        // Each forward/backward has its own dispose scope that ends before the optimizer steps, so
        // the graph's tensors are freed first, as in PyTorch (less heap fragmentation on the CPU).
        using (torch.NewDisposeScope())
        {
            // (1) D: maximise log D(x) + log(1 − D(G(z)))
            Tensor fake;
            double[] d;
            using (torch.NewDisposeScope())
            {
                OptimizerD.zero_grad();
                Tensor lReal = Discriminator.call(real);                                           // [B]
                Tensor z = torch.randn(new[] { s[0], (long)Generator.LatentDim }, device: real.device, generator: Rng);
                fake = Generator.call(z).MoveToOuterDisposeScope();                                 // [B, C, s, s]
                Tensor lFake = Discriminator.call(fake.detach());                                   // [B]
                Tensor lossD = GanLoss.Discriminator(lReal, lFake);
                // One device→host copy for L_D, mean D(x), mean D(G(z)).
                d = torch.stack([lossD.detach(), lReal.detach().sigmoid().mean(), lFake.detach().sigmoid().mean()])
                    .to(ScalarType.Float64, CPU).ToArray<double>();
                if (!d.All(double.IsFinite))
                    throw new NonFiniteLossException(step, history.Count, new Dictionary<string, double>
                    {
                        ["loss_d"] = d[0],
                        ["d_real"] = d[1],
                        ["d_fake"] = d[2],
                    });
                lossD.backward();
            }
            OptimizerD.step();

            // (2) G: maximise log D(G(z)) (the non-saturating loss)
            double g;
            using (torch.NewDisposeScope())
            {
                OptimizerG.zero_grad();
                Tensor lossG = GanLoss.GeneratorNonSaturating(Discriminator.call(fake));
                g = lossG.ToDouble();
                if (!double.IsFinite(g))
                    throw new NonFiniteLossException(step, history.Count, new Dictionary<string, double>
                    {
                        ["loss_d"] = d[0],
                        ["loss_g"] = g,
                    });
                lossG.backward();
            }
            OptimizerG.step();
            Step = step;
            TrainingMemory.AfterStep(step);
            return new GanStepResult(step, d[0], g, d[1], d[2]);
        }
    }

    /// <summary>
    /// One pass over <paramref name="batches"/> (e.g. a <see cref="DataLoader"/> built with
    /// <c>transform: ImageTransforms.ToSymmetricRange</c>, so that the images lie in [−1, 1] like
    /// G's), disposing each batch; appends and returns the epoch's record.
    /// </summary>
    public GanEpochRecord TrainEpoch(IEnumerable<Batch> batches)
    {
        ArgumentNullException.ThrowIfNull(batches);
        var clock = Stopwatch.StartNew();
        double lossD = 0, lossG = 0, dReal = 0, dFake = 0;
        long samples = 0, steps = 0;
        foreach (Batch batch in batches)
            using (batch)
            {
                GanStepResult r = TrainStep(batch.Images);
                long b = batch.Size;
                lossD += r.LossD * b;
                lossG += r.LossG * b;
                dReal += r.DReal * b;
                dFake += r.DFake * b;
                samples += b;
                steps++;
            }
        if (samples == 0) throw new ArgumentException("the epoch had no batches: is the data set empty, or smaller than the batch size with dropLast?", nameof(batches));
        var record = new GanEpochRecord(history.Count, lossD / samples, lossG / samples, dReal / samples, dFake / samples, steps, clock.Elapsed.TotalSeconds);
        history.Add(record);
        return record;
    }

    /// <summary>
    /// <paramref name="epochs"/> epochs over <paramref name="loader"/>; <paramref name="onEpoch"/>
    /// sees each record as it finishes (to print it, or to draw samples). Returns <see cref="History"/>.
    /// </summary>
    public IReadOnlyList<GanEpochRecord> Fit(DataLoader loader, int epochs, Action<GanEpochRecord>? onEpoch = null)
    {
        ArgumentNullException.ThrowIfNull(loader);
        if (epochs < 0) throw new ArgumentOutOfRangeException(nameof(epochs), epochs, "the number of epochs must be ≥ 0");
        for (int e = 0; e < epochs; ++e)
        {
            GanEpochRecord record = TrainEpoch(loader);
            onEpoch?.Invoke(record);
        }
        return History;
    }

    /// <summary>Disposes the two optimizers (and their state); the models are left alone.</summary>
    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        OptimizerG.Dispose();
        OptimizerD.Dispose();
    }
}
