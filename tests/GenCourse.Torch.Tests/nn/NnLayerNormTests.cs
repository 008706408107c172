using static GenCourse.Torch.Tests.Nn.NnTestUtil;

namespace GenCourse.Torch.Tests.Nn;

public class NnLayerNormTests
{
    [Fact]
    public void NormalisesOverTheLastDimension()
    {
        using var ln = nn.LayerNorm(4);
        using Tensor x = torch.tensor(new float[,] { { 1, 2, 3, 6 }, { 0, 0, 4, 4 } });
        using Tensor y = ln.call(x);
        // row 0: mean 3, biased var 3.5; row 1: mean 2, biased var 4
        double s0 = Math.Sqrt(3.5 + 1e-5), s1 = Math.Sqrt(4 + 1e-5);
        Close(new[] { -2 / s0, -1 / s0, 0, 3 / s0, -2 / s1, -2 / s1, 2 / s1, 2 / s1 }, y, 1e-5);
    }

    [Fact]
    public void NormalisesOverSeveralTrailingDimensionsWithAffineOfThatShape()
    {
        torch.manual_seed(11);
        using var ln = nn.LayerNorm(new long[] { 3, 4 }).to(ScalarType.Float64);
        Assert.Equal(new long[] { 3, 4 }, ln.weight!.shape);
        using (torch.no_grad()) ln.weight.fill_(2);
        using Tensor x = torch.randn(new long[] { 5, 3, 4 }, ScalarType.Float64) * 3 - 1;
        using Tensor y = ln.call(x);
        for (int n = 0; n < 5; ++n)
        {
            using Tensor row = y[n];
            (double mean, double variance) = Moments(row);
            Assert.Equal(0, mean, 1e-9);
            Assert.Equal(4, variance, 1e-4);
        }
    }

    [Fact]
    public void RejectsInputWhoseTrailingShapeDiffers()
    {
        using var ln = nn.LayerNorm(4);
        using Tensor x = torch.zeros(2, 5);
        Assert.Contains("trailing dimensions [4]", Assert.Throws<ArgumentException>(() => ln.call(x)).Message);
    }
}
