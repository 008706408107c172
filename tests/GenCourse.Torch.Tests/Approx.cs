namespace GenCourse.Torch.Tests;

/// <summary>
/// Compares a tensor with values derived independently in the test (by hand, or by a plain
/// loop over .NET arrays). The tolerance is relative to the expected magnitude,
/// |actual − expected| ≤ tol·(1 + |expected|), tight enough to catch a wrong formula.
/// </summary>
internal static class Approx
{
    /// <summary>float32 arithmetic over a handful of terms.</summary>
    public const double Float = 1e-5;

    public static void Equal(double[] expected, Tensor actual, double tol = Float)
    {
        double[] got = actual.ToArray<double>();
        Assert.True(expected.Length == got.Length, $"expected {expected.Length} values, got {got.Length} (shape [{string.Join(", ", actual.shape)}])");
        for (int k = 0; k < expected.Length; ++k)
        {
            bool ok = double.IsNaN(expected[k]) ? double.IsNaN(got[k])
                : double.IsInfinity(expected[k]) ? expected[k] == got[k]
                : Math.Abs(got[k] - expected[k]) <= tol * (1 + Math.Abs(expected[k]));
            Assert.True(ok, $"element {k}: expected {expected[k]:R}, got {got[k]:R}");
        }
    }

    public static void Equal(double expected, Tensor actual, double tol = Float) => Equal(new[] { expected }, actual, tol);

    public static void Equal(double[] expected, double[] actual, double tol = Float)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int k = 0; k < expected.Length; ++k)
            Assert.True(Math.Abs(actual[k] - expected[k]) <= tol * (1 + Math.Abs(expected[k])),
                $"element {k}: expected {expected[k]:R}, got {actual[k]:R}");
    }

    /// <summary>Shape and values at once.</summary>
    public static void Equal(long[] shape, double[] expected, Tensor actual, double tol = Float)
    {
        Assert.Equal(shape, actual.shape);
        Equal(expected, actual, tol);
    }
}
