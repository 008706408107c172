namespace GenCourse.Tests.Autoencoders;

/// <summary>Float64 helpers for the autoencoder tests: tensors from arrays, values back, central differences.</summary>
internal static class Numerics
{
    /// <summary>A float64 tensor of <paramref name="shape"/> from row-major values.</summary>
    public static Tensor Tensor64(double[] values, params long[] shape) => torch.tensor(values, shape, ScalarType.Float64);

    public static double[] Values(Tensor t)
    {
        using Tensor d = t.detach().to(ScalarType.Float64);
        using Tensor c = d.contiguous();
        return c.ToArray<double>();
    }

    public static double Scalar(Tensor t) => Values(t)[0];

    /// <summary>
    /// ∂f/∂x by central differences (f(x + εe_i) − f(x − εe_i)) / 2ε for every element of
    /// <paramref name="x"/> (float64), with f a scalar function; returns an array shaped like x, flat.
    /// </summary>
    public static double[] Gradient(Func<Tensor, double> f, Tensor x, double eps = 1e-6)
    {
        double[] x0 = Values(x);
        long[] shape = x.shape;
        var grad = new double[x0.Length];
        for (int i = 0; i < x0.Length; ++i)
        {
            double[] plus = (double[])x0.Clone(), minus = (double[])x0.Clone();
            plus[i] += eps;
            minus[i] -= eps;
            using Tensor xp = Tensor64(plus, shape), xm = Tensor64(minus, shape);
            grad[i] = (f(xp) - f(xm)) / (2 * eps);
        }
        return grad;
    }

    /// <summary>Asserts |a − b| ≤ atol + rtol·|b| elementwise, naming the first index that fails.</summary>
    public static void Close(double[] expected, double[] actual, double rtol, double atol)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; ++i)
            Assert.True(Math.Abs(actual[i] - expected[i]) <= atol + rtol * Math.Abs(expected[i]),
                $"element {i}: expected {expected[i]:R}, got {actual[i]:R}");
    }
}
