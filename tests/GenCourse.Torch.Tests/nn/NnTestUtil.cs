using GenCourse.Torch.Modules;

namespace GenCourse.Torch.Tests.Nn;

/// <summary>Helpers shared by the nn and optim tests.</summary>
internal static class NnTestUtil
{
    /// <summary>Asserts |expected − actual| ≤ tol elementwise, naming the first index that differs.</summary>
    public static void Close(double[] expected, double[] actual, double tol)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int k = 0; k < expected.Length; ++k)
            Assert.True(Math.Abs(expected[k] - actual[k]) <= tol,
                $"element {k}: expected {expected[k]:R}, got {actual[k]:R} (tolerance {tol})");
    }

    public static void Close(double[] expected, Tensor actual, double tol) => Close(expected, actual.ToArray<double>(), tol);

    /// <summary>Sets a tensor's values (under no_grad, so parameters can be set).</summary>
    public static void Set(Tensor target, params double[] values)
    {
        using var noGrad = torch.no_grad();
        using Tensor src = torch.tensor(values, target.shape, ScalarType.Float64);
        target.copy_(src);
    }

    /// <summary>Sample mean and biased variance of a tensor's values, in double precision.</summary>
    public static (double mean, double variance) Moments(Tensor t)
    {
        double[] v = t.ToArray<double>();
        double mean = v.Average();
        double variance = v.Select(x => (x - mean) * (x - mean)).Average();
        return (mean, variance);
    }
}

/// <summary>Tests that read the process-wide <see cref="torch.LiveTensorCount"/> run alone, after the parallel ones.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NnOptimLiveTensorCollection
{
    public const string Name = "nn/optim live-tensor counts";
}

/// <summary>A [Fact] that is skipped, with a message, when no CUDA device is available.</summary>
public sealed class NnCudaFactAttribute : FactAttribute
{
    public NnCudaFactAttribute()
    {
        if (!torch.cuda.is_available()) Skip = "CUDA is not available (CPU build of the bridge or no GPU visible)";
    }
}
