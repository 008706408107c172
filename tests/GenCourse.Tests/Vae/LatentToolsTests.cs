using GenCourse.Vae;

namespace GenCourse.Tests.Vae;

public class LatentToolsTests
{
    [Fact]
    public void LerpRunsFromOneEndToTheOther()
    {
        using var scope = torch.NewDisposeScope();
        Tensor z0 = torch.tensor(new double[] { 0, 2 }, new long[] { 2 }), z1 = torch.tensor(new double[] { 4, -2 }, new long[] { 2 });
        Tensor path = LatentTools.Lerp(z0, z1, 5);
        Assert.Equal(new long[] { 5, 2 }, path.shape);
        VaeAssert.Close(new double[] { 0, 2, 1, 1, 2, 0, 3, -1, 4, -2 }, path.ToArray<double>(), 1e-12);
    }

    [Fact]
    public void SlerpKeepsTheNormOnTheArcBetweenOrthogonalCodes()
    {
        using var scope = torch.NewDisposeScope();
        Tensor z0 = torch.tensor(new double[] { 3, 0, 0 }, new long[] { 3 }), z1 = torch.tensor(new double[] { 0, 3, 0 }, new long[] { 3 });
        double[] p = LatentTools.Slerp(z0, z1, 3).ToArray<double>();
        // Ω = π/2: the midpoint is (z0 + z1)·sin(π/4)/sin(π/2) = (3/√2, 3/√2, 0), of norm 3; lerp's midpoint has norm 3/√2.
        VaeAssert.Close(new double[] { 3, 0, 0, 3 / Math.Sqrt(2), 3 / Math.Sqrt(2), 0, 0, 3, 0 }, p, 1e-12);
        double lerpMidNorm = LatentTools.Lerp(z0, z1, 3)[1].norm().ToDouble();
        Assert.Equal(3 / Math.Sqrt(2), lerpMidNorm, 12);
    }

    [Fact]
    public void SlerpOfParallelCodesFallsBackToLerp()
    {
        using var scope = torch.NewDisposeScope();
        Tensor z0 = torch.tensor(new double[] { 1, 1 }, new long[] { 2 }), z1 = torch.tensor(new double[] { 2, 2 }, new long[] { 2 });
        VaeAssert.Close(LatentTools.Lerp(z0, z1, 4).ToArray<double>(), LatentTools.Slerp(z0, z1, 4).ToArray<double>(), 1e-12);
    }

    [Fact]
    public void NormalQuantilesInvertTheCdf()
    {
        double[] q = LatentTools.StandardNormalQuantiles(new[] { 0.5, 0.975, 0.025, 0.8413447460685429 });
        Assert.Equal(0.0, q[0], 10);
        Assert.Equal(1.959963984540054, q[1], 9);   // the 97.5 % quantile every statistics table gives as 1.95996
        Assert.Equal(-q[1], q[2], 10);
        Assert.Equal(1.0, q[3], 9);                  // Φ(1) = 0.841344746…
        Assert.Throws<ArgumentOutOfRangeException>(() => LatentTools.StandardNormalQuantiles(new[] { 1.0 }));
    }

    [Fact]
    public void GridLatentsAreRowMajorWithZ2DecreasingDownTheRows()
    {
        using var scope = torch.NewDisposeScope();
        float[] g = LatentTools.GridLatents(3, margin: 0.025).ToArray<float>();
        float q = 1.959964f;
        // row 0: z2 = +q, z1 = −q, 0, +q; row 2: z2 = −q.
        Assert.Equal(new[] { -q, q, 0, q, q, q, -q, 0, 0, 0, q, 0, -q, -q, 0, -q, q, -q }, g, new FloatComparer(1e-5f));
    }

    [Fact]
    public void DecodeGridNeedsATwoDimensionalLatent()
    {
        using var vae3 = VaeAssert.TinyVae(latent: 3);
        var e = Assert.Throws<ArgumentException>(() => LatentTools.DecodeGrid(vae3, 4));
        Assert.Contains("2-D", e.Message);
        using var vae2 = VaeAssert.TinyVae(latent: 2);
        using var scope = torch.NewDisposeScope();
        Assert.Equal(new long[] { 16, 1, 4, 4 }, LatentTools.DecodeGrid(vae2, 4).shape);
    }

    [Fact]
    public void EncodeMeansInBatchesEqualsOneBigBatch()
    {
        using var vae = VaeAssert.TinyVae();
        using var scope = torch.NewDisposeScope();
        Tensor images = torch.rand(11, 1, 4, 4);
        Tensor batched = LatentTools.EncodeMeans(vae, images, batchSize: 4);
        Assert.Equal(new long[] { 11, 3 }, batched.shape);
        using (torch.no_grad())
            Assert.Equal(vae.Encode(images).Mu.ToArray<float>(), batched.ToArray<float>(), new FloatComparer(1e-6f));
    }

    [Fact]
    public void InterpolationEndsAreTheReconstructions()
    {
        using var vae = VaeAssert.TinyVae();
        using var scope = torch.NewDisposeScope();
        Tensor x = torch.rand(2, 1, 4, 4);
        Tensor path = LatentTools.Interpolate(vae, x[0], x[1], 6, spherical: true);
        Assert.Equal(new long[] { 6, 1, 4, 4 }, path.shape);
        Tensor recon = vae.Reconstruct(x);
        Assert.Equal(recon[0].ToArray<float>(), path[0].ToArray<float>(), new FloatComparer(1e-5f));
        Assert.Equal(recon[1].ToArray<float>(), path[5].ToArray<float>(), new FloatComparer(1e-5f));
    }

    [Fact]
    public void ActiveUnitsCountsTheDimensionsWhoseMeansVaryAcrossTheData()
    {
        // Columns with variance 1, 0.02, 0.005 and 0: two exceed the 0.01 threshold.
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(8);
        Tensor noise = torch.randn(new long[] { 20_000, 4 }, ScalarType.Float64, generator: g);
        Tensor scales = torch.tensor(new double[] { 1, Math.Sqrt(0.02), Math.Sqrt(0.005), 0 }, new long[] { 1, 4 });
        Assert.Equal(2, LatentTools.ActiveUnits(noise * scales));
        Assert.Equal(3, LatentTools.ActiveUnits(noise * scales, threshold: 0.001));
        Assert.Throws<ArgumentException>(() => LatentTools.ActiveUnits(torch.zeros(5)));
    }

    private sealed class FloatComparer(float tol) : IEqualityComparer<float>
    {
        public bool Equals(float a, float b) => Math.Abs(a - b) <= tol;
        public int GetHashCode(float v) => 0;
    }
}
