using GenCourse.Data;

namespace GenCourse.Tests.Data;

public class ImageTransformsTests
{
    [Fact]
    public void SymmetricRangeMapsZeroHalfOneToMinusOneZeroOne()
    {
        using var scope = torch.NewDisposeScope();
        Tensor x = torch.tensor(new[] { 0f, 0.25f, 0.5f, 1f });
        Assert.Equal(new[] { -1f, -0.5f, 0f, 1f }, ImageTransforms.ToSymmetricRange(x).ToArray<float>());
        Assert.Equal(new[] { 0f, 0.25f, 0.5f, 1f }, ImageTransforms.FromSymmetricRange(ImageTransforms.ToSymmetricRange(x)).ToArray<float>());
        // Samples outside [−1, 1] are clamped for display.
        Assert.Equal(new[] { 0f, 1f }, ImageTransforms.FromSymmetricRange(torch.tensor(new[] { -3f, 2f })).ToArray<float>());
    }

    /// <summary>40,000 copies of each intensity in {0, 0.1, …, 1}: [11·40000] values.</summary>
    private static Tensor Intensities(int copies) =>
        torch.linspace(0, 1, 11).view(11, 1).expand(11, copies).contiguous();

    [Fact]
    public void DynamicBinarisationIsBernoulliWithMeanEqualToTheIntensity()
    {
        using var scope = torch.NewDisposeScope();
        const int n = 40_000;
        Tensor x = Intensities(n);
        Tensor b = ImageTransforms.Binarize(x, new Generator(11));
        Assert.True((b.eq(0.0) | b.eq(1.0)).all().ToBoolean());
        float[] means = b.mean([1]).ToArray<float>();
        for (int k = 0; k <= 10; ++k)
        {
            double p = k / 10.0;
            // Five standard errors of a mean of n Bernoulli(p) draws: 5·√(p(1−p)/n) ≤ 0.0125.
            double tolerance = 5 * Math.Sqrt(p * (1 - p) / n);
            Assert.InRange(means[k], p - tolerance - 1e-6, p + tolerance + 1e-6);
        }
    }

    [Fact]
    public void DynamicBinarisationChangesFromOneEpochToTheNext()
    {
        using var scope = torch.NewDisposeScope();
        Tensor images = torch.full(new long[] { 6, 1, 4, 4 }, 0.5);
        Tensor labels = torch.zeros(new long[] { 6 }, ScalarType.Int64);
        var generator = new Generator(3);
        var loader = new DataLoader(images, labels, batchSize: 6, transform: x => ImageTransforms.Binarize(x, generator));
        float[] epoch0 = loader.Single().Images.ToArray<float>();
        float[] epoch1 = loader.Single().Images.ToArray<float>();
        Assert.All(epoch0.Concat(epoch1), v => Assert.True(v is 0f or 1f));
        // 96 fair coins agree everywhere with probability 2⁻⁹⁶.
        Assert.NotEqual(epoch0, epoch1);
    }

    [Fact]
    public void FixedBinarisationIsIdenticalForTheSameSeedAndDiffersForAnother()
    {
        using var scope = torch.NewDisposeScope();
        Tensor x = Intensities(200);
        float[] a = ImageTransforms.BinarizeFixed(x, 2024).ToArray<float>();
        float[] b = ImageTransforms.BinarizeFixed(x, 2024).ToArray<float>();
        float[] c = ImageTransforms.BinarizeFixed(x, 2025).ToArray<float>();
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        // Intensities 0 and 1 are certain.
        Assert.All(a[..200], v => Assert.Equal(0f, v));
        Assert.All(a[^200..], v => Assert.Equal(1f, v));
    }

    [Fact]
    public void FixedBinarisationDoesNotDependOnTheGlobalGenerator()
    {
        using var scope = torch.NewDisposeScope();
        Tensor x = Intensities(100);
        torch.manual_seed(1);
        float[] a = ImageTransforms.BinarizeFixed(x, 9).ToArray<float>();
        torch.manual_seed(2);
        torch.rand(10);
        float[] b = ImageTransforms.BinarizeFixed(x, 9).ToArray<float>();
        Assert.Equal(a, b);
    }

    [Fact]
    public void BinarisationRejectsIntensitiesOutsideZeroOne()
    {
        using var scope = torch.NewDisposeScope();
        Tensor scaled = torch.tensor(new[] { -1f, 0f, 1f });
        var e = Assert.Throws<ArgumentException>(() => ImageTransforms.Binarize(scaled));
        Assert.Contains("span [-1, 1]", e.Message);
        Assert.Throws<ArgumentException>(() => ImageTransforms.BinarizeFixed(torch.tensor(new byte[] { 0, 1 }), 1));
    }
}
