using TorchSharp;

namespace GenCourse.Bench.Engine;

/// <summary>
/// One workload of the engine bench. bench/python/engine.py holds the same workload written as a
/// PyTorch user writes it: same seed, same ops, same order of random draws. The two sides run
/// different libtorch builds (2.10 + MKL here, Debian's 1.13 + OpenBLAS there), so their
/// <see cref="Check"/> values agree only approximately (see <see cref="EngineSuite"/>).
/// </summary>
public abstract class EngineCase : IDisposable
{
    /// <summary>The names the bench knows, in the order it prints them.</summary>
    public static readonly string[] Names = ["per_op", "mlp_step", "conv_step", "vae_epoch", "dcgan_step"];

    /// <summary>The cases that train, and so get a peak-RSS line.</summary>
    public static readonly string[] TrainingNames = ["mlp_step", "conv_step", "vae_epoch", "dcgan_step"];

    /// <summary>The seed both sides use before drawing parameters and data.</summary>
    public const long Seed = 0;

    /// <summary>The name printed in result lines.</summary>
    public abstract string Name { get; }

    /// <summary>The last repetition's loss (or sum), to compare with the Python side's.</summary>
    public abstract double Check { get; }

    /// <summary>One timed repetition: the whole 100k-op loop, or one training step, or one epoch.</summary>
    public abstract void RunOnce();

    public abstract void Dispose();

    public static EngineCase Create(string name) => name switch
    {
        "per_op" => new PerOpCase(),
        "mlp_step" => new MlpStepCase(),
        "conv_step" => new ConvStepCase(),
        "vae_epoch" => new VaeEpochCase(),
        "dcgan_step" => new DcganStepCase(),
        _ => throw new BenchException($"unknown engine case '{name}'; the cases are: {string.Join(", ", Names)}"),
    };
}

/// <summary>A case whose unit of work can also be a single training step (for the peak-RSS run).</summary>
public interface IStepCase
{
    /// <summary>One optimizer step (for <c>vae_epoch</c>: one batch of the epoch, through the course's trainer).</summary>
    void Step();
}
