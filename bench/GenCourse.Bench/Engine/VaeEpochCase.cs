using GenCourse.Data;
using GenCourse.Vae;
using TorchSharp;
using static TorchSharp.torch;

namespace GenCourse.Bench.Engine;

/// <summary>
/// One epoch of chapter 2's VAE (pytorch/examples' 784-400-20-400-784 MLP, Bernoulli decoder,
/// Adam lr 1e-3) over MNIST's 60,000 training images in batches of 128, through the course
/// library exactly as the notebook runs it: <see cref="Mnist.Load"/> reads and converts the IDX
/// files, a shuffling <see cref="DataLoader"/> draws the batches, <see cref="VaeTrainer.TrainEpoch"/>
/// takes the 469 steps. The data loading is inside the timed repetition on both sides; each
/// repetition is the next epoch of the same model, shuffled with the loader's seed for that epoch.
/// <see cref="Check"/> is the epoch's mean loss (nats per image). For the peak-RSS run,
/// <see cref="Step"/> takes one <see cref="VaeTrainer.TrainStep"/> at a time over the same loader.
/// </summary>
public sealed class VaeEpochCase : EngineCase, IStepCase
{
    /// <summary>The loader's seed; the Python side derives the same per-epoch permutations from it.</summary>
    public const ulong LoaderSeed = 0;

    private const int BatchSize = 128;

    private readonly GenCourse.Vae.Vae model;
    private readonly optim.Optimizer optimizer;
    private readonly VaeTrainer trainer;
    private long epoch;
    private double check;

    // Step(): the training set, loaded once, and the current epoch's batches.
    private ImageDataset? stepData;
    private IEnumerator<Batch>? stepBatches;

    public VaeEpochCase()
    {
        if (!Mnist.IsInstalled())
            throw new BenchException($"vae_epoch needs MNIST in {Mnist.DefaultDirectory}; run `./gencourse build` first (or set GENCOURSE_DATA)");
        torch.manual_seed(Seed);
        model = new GenCourse.Vae.Vae(VaeOptions.PytorchExample);
        optimizer = optim.Adam(model.parameters(), lr: 1e-3);
        trainer = new VaeTrainer(model, optimizer);
    }

    public override string Name => "vae_epoch";

    public override double Check => check;

    public override void RunOnce()
    {
        using ImageDataset train = Mnist.Load(DataSplit.Train);
        var loader = new DataLoader(train, BatchSize, shuffle: true, seed: LoaderSeed);
        check = trainer.TrainEpoch(loader.Epoch(epoch++)).Loss;
    }

    public void Step()
    {
        stepData ??= Mnist.Load(DataSplit.Train);
        if (stepBatches is null || !stepBatches.MoveNext())
        {
            stepBatches?.Dispose();
            stepBatches = new DataLoader(stepData, BatchSize, shuffle: true, seed: LoaderSeed).Epoch(epoch++).GetEnumerator();
            if (!stepBatches.MoveNext()) throw new BenchException("the MNIST training set has no batches");
        }
        using Batch batch = stepBatches.Current;
        check = trainer.TrainStep(batch.Images).Loss;
    }

    public override void Dispose()
    {
        stepBatches?.Dispose();
        stepData?.Dispose();
        optimizer.Dispose();
        model.Dispose();
    }
}
