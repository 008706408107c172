namespace GenCourse.Tests.Vae;

/// <summary>Element-wise comparison with a tolerance relative to the expected magnitude: |a − e| ≤ tol·(1 + |e|).</summary>
internal static class VaeAssert
{
    public static void Close(double[] expected, double[] actual, double tol)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int k = 0; k < expected.Length; ++k)
            Assert.True(Math.Abs(actual[k] - expected[k]) <= tol * (1 + Math.Abs(expected[k])),
                $"element {k}: expected {expected[k]:R}, got {actual[k]:R}");
    }

    public static void Close(double expected, double actual, double tol) => Close(new[] { expected }, new[] { actual }, tol);

    /// <summary>A small MLP VAE on 1×4×4 "images" for fast tests.</summary>
    public static GenCourse.Vae.Vae TinyVae(GenCourse.Vae.DecoderLikelihood likelihood = GenCourse.Vae.DecoderLikelihood.Bernoulli, int latent = 3) =>
        new(new GenCourse.Vae.VaeOptions { ImageShape = [1, 4, 4], HiddenSizes = [16], LatentDim = latent, Likelihood = likelihood });
}
