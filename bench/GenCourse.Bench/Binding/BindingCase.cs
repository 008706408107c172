namespace GenCourse.Bench.Binding;

/// <summary>
/// One workload of the binding bench. bench/python/binding.py holds the same workload written
/// as a PyTorch user writes it: same seed, same ops, same order of random draws, so both sides
/// arrive at the same <see cref="Check"/> value.
/// </summary>
public abstract class BindingCase : IDisposable
{
    /// <summary>The names the bench knows, in the order it prints them.</summary>
    public static readonly string[] Names = ["per_op", "mlp_step", "conv_step", "vae_epoch", "dcgan_step"];

    /// <summary>The seed both sides use before drawing parameters and data.</summary>
    public const long Seed = 0;

    /// <summary>The name printed in result lines.</summary>
    public abstract string Name { get; }

    /// <summary>The last repetition's loss (or sum), to compare with the Python side's.</summary>
    public abstract double Check { get; }

    /// <summary>One timed repetition: the whole 100k-op loop, or one training step, or one epoch.</summary>
    public abstract void RunOnce();

    public abstract void Dispose();

    public static BindingCase Create(string name) => name switch
    {
        "per_op" => new PerOpCase(),
        "mlp_step" => new MlpStepCase(),
        "conv_step" => new ConvStepCase(),
        "vae_epoch" => new VaeEpochCase(),
        "dcgan_step" => new DcganStepCase(),
        _ => throw new BenchException($"unknown binding case '{name}'; the cases are: {string.Join(", ", Names)}"),
    };
}
