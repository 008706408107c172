using System.Diagnostics;
using GenCourse.Data;
using TorchSharp;

using static TorchSharp.torch;
using GenCourse.Engine;
using GenCourse.Training;

namespace GenCourse.Vae;

/// <summary>
/// The VAE training loop, per batch:
/// <code>
/// 1. out  = vae(x)                         μ, log σ², z = μ + σ ⊙ ε, decoder output
/// 2. loss = −log p(x | z) + β·KL(q ‖ p)     nats per sample (Elbo.Compute)
/// 3. stop with the step number if loss is not finite, else loss.backward(); optimizer.step()
/// </code>
/// Each step runs in its own dispose scope; the per-epoch means of the loss, the reconstruction
/// term and the KL are kept in <see cref="History"/> (the curves of the rate–distortion trade-off).
/// </summary>
public sealed class VaeTrainer
{
    private readonly List<VaeEpochRecord> history = new();

    /// <param name="model">the VAE to train (create the optimizer after moving it to its device)</param>
    /// <param name="optimizer">the optimizer over <c>model.parameters()</c></param>
    /// <param name="beta">weight of the KL term (1: the ELBO; β-VAE otherwise)</param>
    /// <param name="generator">source of the reparameterisation noise ε, on the model's device; the global generator if null</param>
    public VaeTrainer(Vae model, optim.Optimizer optimizer, double beta = 1.0, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        if (!(beta >= 0)) throw new ArgumentOutOfRangeException(nameof(beta), beta, "β must be ≥ 0");
        Model = model;
        Optimizer = optimizer;
        Beta = beta;
        Generator = generator;
    }

    public Vae Model { get; }
    public optim.Optimizer Optimizer { get; }

    /// <summary>The KL weight β; may be changed between steps (e.g. for KL warm-up).</summary>
    public double Beta { get; set; }

    /// <summary>Where ε comes from (null: the global generator).</summary>
    public Generator? Generator { get; }

    /// <summary>If set, the gradient norm is clipped to this value before each update.</summary>
    public double? ClipGradNorm { get; init; }

    /// <summary>Steps taken so far.</summary>
    public long Step { get; private set; }

    /// <summary>One record per finished epoch.</summary>
    public IReadOnlyList<VaeEpochRecord> History => history;

    /// <summary>
    /// One optimisation step on images <paramref name="x"/> (on the model's device). Throws
    /// <see cref="NonFiniteLossException"/> naming the step, before any update, if a term is NaN or ±∞.
    /// </summary>
    public VaeStepResult TrainStep(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        Model.train();
        long step = Step + 1;
        double[] values;
        // The forward pass's tensors are freed before the update, as in PyTorch (less heap
        // fragmentation on the CPU).
        using (torch.NewDisposeScope())
        {
            Optimizer.zero_grad();
            VaeOutput output = Model.Forward(x, Generator);
            ElboTerms terms = Elbo.Compute(Model, output, x, Beta);
            // One device→host copy for the three numbers.
            values = torch.stack([terms.Loss.detach(), terms.ReconstructionLoss.detach(), terms.Kl.detach()])
                .to(ScalarType.Float64, CPU).ToArray<double>();
            if (!values.All(double.IsFinite))
                throw new NonFiniteLossException(step, history.Count, new Dictionary<string, double>
                {
                    ["loss"] = values[0],
                    ["reconstruction"] = values[1],
                    ["kl"] = values[2],
                });
            terms.Loss.backward();
            if (ClipGradNorm is double max) nn.utils.clip_grad_norm_(Model.parameters(), max);
        }
        Optimizer.step();
        Step = step;
        TrainingMemory.AfterStep(step);
        return new VaeStepResult(step, values[0], values[1], values[2]);
    }

    /// <summary>
    /// One pass over <paramref name="batches"/> (e.g. a <see cref="DataLoader"/>, which already
    /// moves and binarises them), disposing each batch; appends and returns the epoch's record.
    /// </summary>
    public VaeEpochRecord TrainEpoch(IEnumerable<Batch> batches)
    {
        ArgumentNullException.ThrowIfNull(batches);
        var clock = Stopwatch.StartNew();
        double loss = 0, rec = 0, kl = 0;
        long samples = 0, steps = 0;
        foreach (Batch batch in batches)
            using (batch)
            {
                Tensor x = batch.Images;
                VaeStepResult r = x.device.SameAs(Model.Device) ? TrainStep(x) : TrainMoved(x);
                long b = batch.Size;
                loss += r.Loss * b;
                rec += r.ReconstructionLoss * b;
                kl += r.Kl * b;
                samples += b;
                steps++;
            }
        if (samples == 0) throw new ArgumentException("the epoch had no batches: is the data set empty, or smaller than the batch size with dropLast?", nameof(batches));
        var record = new VaeEpochRecord(history.Count, loss / samples, rec / samples, kl / samples, steps, clock.Elapsed.TotalSeconds);
        history.Add(record);
        return record;
    }

    /// <summary>
    /// <paramref name="epochs"/> epochs over <paramref name="loader"/>; <paramref name="onEpoch"/>
    /// sees each record as it finishes (to print it, or evaluate on test data). Returns <see cref="History"/>.
    /// </summary>
    public IReadOnlyList<VaeEpochRecord> Fit(DataLoader loader, int epochs, Action<VaeEpochRecord>? onEpoch = null)
    {
        ArgumentNullException.ThrowIfNull(loader);
        if (epochs < 0) throw new ArgumentOutOfRangeException(nameof(epochs), epochs, "the number of epochs must be ≥ 0");
        for (int e = 0; e < epochs; ++e)
        {
            VaeEpochRecord record = TrainEpoch(loader);
            onEpoch?.Invoke(record);
        }
        return History;
    }

    private VaeStepResult TrainMoved(Tensor x)
    {
        using Tensor moved = x.to(Model.Device);
        return TrainStep(moved);
    }
}
