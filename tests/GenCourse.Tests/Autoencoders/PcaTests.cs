using GenCourse.Autoencoders;
using static GenCourse.Tests.Autoencoders.Numerics;

namespace GenCourse.Tests.Autoencoders;

public class PcaTests
{
    /// <summary>A random orthogonal D×D matrix: the eigenvectors of a random symmetric one.</summary>
    internal static Tensor RandomRotation(long d)
    {
        Tensor a = torch.randn(new[] { d, d }, ScalarType.Float64);
        (_, Tensor q) = torch.linalg.eigh(a + a.t());
        return q;
    }

    /// <summary>N samples of a Gaussian with standard deviations <paramref name="stds"/> along the columns of a random rotation R, shifted by a mean.</summary>
    private static (Tensor data, Tensor rotation) RotatedGaussian(long n, double[] stds)
    {
        long d = stds.Length;
        Tensor rotation = RandomRotation(d);
        Tensor z = torch.randn(new[] { n, d }, ScalarType.Float64) * Tensor64(stds, d);
        Tensor mean = torch.linspace(-1, 1, d, ScalarType.Float64);
        return (torch.mm(z, rotation.t()) + mean, rotation);
    }

    [Fact]
    public void FindsTheAxesOfAnAnisotropicGaussianInOrder()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(21);
        (Tensor data, Tensor rotation) = RotatedGaussian(20_000, new[] { 5.0, 3.0, 2.0, 0.5, 0.2 });
        using Pca pca = Pca.Fit(data, 3);
        // |cos| between the j-th component and the j-th true axis (signs are arbitrary).
        double[] cosines = Values(torch.mm(pca.Components.t(), rotation.narrow(1, 0, 3)).abs());
        for (int j = 0; j < 3; ++j) Assert.True(cosines[j * 3 + j] > 0.999, $"component {j} has |cos| {cosines[j * 3 + j]:F4} with its true axis");
        Close(new[] { 25.0, 9.0, 4.0 }, Values(pca.Variances), 0.05, 0);
        Assert.Equal(25 + 9 + 4 + 0.25 + 0.04, pca.TotalVariance, 25 * 0.05);
    }

    [Fact]
    public void ComponentsAreOrthonormal()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(22);
        using Pca pca = Pca.Fit(torch.rand(500, 1, 6, 6), 8);
        Close(Values(torch.eye(8, dtype: ScalarType.Float64)), Values(torch.mm(pca.Components.t(), pca.Components)), 0, 1e-12);
        double[] v = Values(pca.Variances);
        for (int j = 1; j < v.Length; ++j) Assert.True(v[j - 1] >= v[j]);
    }

    [Fact]
    public void TrainingErrorEqualsTheDiscardedEigenvalues()
    {
        // Eckart–Young: (1/N) Σ ‖x − x̂‖² = ((N − 1)/N) Σ_{j>k} λ_j, i.e. per value divided by D.
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(23);
        Tensor data = torch.rand(new long[] { 300, 10 }, ScalarType.Float64);
        using Pca pca = Pca.Fit(data, 4);
        double discarded = pca.TotalVariance - Scalar(pca.Variances.sum());
        Assert.Equal(299.0 / 300.0 * discarded / 10, pca.MsePerPixel(data), 12);
        Tensor direct = (data - pca.Reconstruct(data)).square().mean();
        Assert.Equal(Scalar(direct), pca.MsePerPixel(data), 12);
    }

    [Fact]
    public void KeepingFewerComponentsGivesTheErrorOfASmallerFit()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(25);
        Tensor data = torch.rand(new long[] { 400, 12 }, ScalarType.Float64);
        using Pca big = Pca.Fit(data, 8);
        using Pca small = Pca.Fit(data, 3);
        Assert.Equal(small.MsePerPixel(data), big.MsePerPixel(data, components: 3), 12);
        Assert.Equal(Scalar(data.var(0).mean()) * 399 / 400, big.MsePerPixel(data, components: 0), 12);   // nothing kept: the variance
        Assert.True(big.MsePerPixel(data) < small.MsePerPixel(data));
    }

    [Fact]
    public void PointsInTheSubspaceAreReconstructedExactly()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(24);
        using Pca pca = Pca.Fit(torch.rand(200, 1, 4, 4), 3);
        Tensor z = torch.randn(5, 3);
        Tensor x = pca.Decode(z);                              // μ + V z, [5, 1, 4, 4]
        Assert.Equal(new long[] { 5, 1, 4, 4 }, x.shape);
        Assert.Equal(ScalarType.Float32, x.dtype);
        Close(Values(z), Values(pca.Encode(x)), 1e-5, 1e-5);
        Close(Values(x), Values(pca.Reconstruct(x)), 1e-5, 1e-6);
    }

    [Fact]
    public void BadArgumentsSayWhatIsWrong()
    {
        using var scope = torch.NewDisposeScope();
        Tensor data = torch.rand(10, 4);
        Assert.Contains("between 1 and D = 4", Assert.Throws<ArgumentOutOfRangeException>(() => Pca.Fit(data, 5)).Message);
        Assert.Contains("at least 2 samples", Assert.Throws<ArgumentException>(() => Pca.Fit(torch.rand(1, 4), 1)).Message);
        using Pca pca = Pca.Fit(data, 2);
        Assert.Contains("4 values", Assert.Throws<ArgumentException>(() => pca.Encode(torch.rand(3, 5))).Message);
    }
}
