namespace GenCourse.Torch.Tests;

/// <summary>
/// Gradients of the engine's operators against finite differences (<see cref="GradCheck"/>, float64),
/// double backward against closed forms, and the autograd contract (accumulation, retain_graph,
/// no_grad, detach). Split into topic partials: elementwise, reductions, layers, indexing, losses,
/// double backward, autograd behaviour, and a self-test of the checker.
/// Shapes are small: every element costs two forward passes.
/// </summary>
public sealed partial class GradientTests : IDisposable
{
    private readonly Generator gen = new(20240611);

    public void Dispose() => gen.Dispose();

    /// <summary>A float64 leaf of N(0, 1) samples that requires grad.</summary>
    private Tensor Normal(params long[] shape) =>
        torch.randn(shape, torch.float64, requires_grad: true, generator: gen);

    /// <summary>A float64 leaf uniform on [lo, hi) that requires grad.</summary>
    private Tensor Uniform(double lo, double hi, params long[] shape)
    {
        Tensor t;
        using (torch.no_grad())
        {
            using Tensor u = torch.rand(shape, torch.float64, generator: gen);
            t = u * (hi - lo) + lo;
        }
        return t.requires_grad_();
    }

    /// <summary>Integers in [0, high), int64, for class labels and indices.</summary>
    private Tensor Labels(long high, params long[] shape) => torch.randint(high, shape, generator: gen);

    /// <summary>A float64 leaf holding <paramref name="values"/> in <paramref name="shape"/>.</summary>
    private static Tensor Leaf(double[] values, params long[] shape) =>
        torch.tensor(values, shape, torch.float64, requires_grad: true);

    /// <summary>
    /// Guards the premise of a check at a kink (relu, abs, clamp, max, l1): no element lies
    /// within <paramref name="margin"/> of <paramref name="kink"/>, so ±eps never crosses it.
    /// </summary>
    private static void AssertAwayFrom(Tensor x, double kink, double margin = 1e-3)
    {
        foreach (double value in x.detach().ToArray<double>())
            Assert.True(Math.Abs(value - kink) > margin, $"test input {value} lies within {margin} of the kink at {kink}; pick another seed");
    }

    /// <summary>Asserts two float64 tensors agree elementwise within atol + rtol·|expected|.</summary>
    private static void AssertClose(Tensor expected, Tensor actual, double atol = 1e-10, double rtol = 1e-8)
    {
        Assert.Equal(expected.shape, actual.shape);
        double[] e = expected.detach().ToArray<double>();
        double[] a = actual.detach().ToArray<double>();
        for (int i = 0; i < e.Length; ++i)
            Assert.True(Math.Abs(e[i] - a[i]) <= atol + rtol * Math.Abs(e[i]),
                $"element {i}: expected {e[i]:G12}, got {a[i]:G12}");
    }
}
