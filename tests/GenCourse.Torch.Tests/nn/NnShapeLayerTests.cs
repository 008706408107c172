namespace GenCourse.Torch.Tests.Nn;

/// <summary>Flatten, Unflatten and Upsample (layers that only move values).</summary>
public class NnShapeLayerTests
{
    [Fact]
    public void FlattenKeepsTheBatchDimension()
    {
        using var flat = nn.Flatten();
        using Tensor x = torch.arange(24).reshape(2, 3, 2, 2);
        using Tensor y = flat.call(x);
        Assert.Equal(new long[] { 2, 12 }, y.shape);
        Assert.Equal(Enumerable.Range(0, 24).Select(v => (long)v), y.ToArray<long>());
    }

    [Fact]
    public void UnflattenUndoesFlatten()
    {
        using var unflat = nn.Unflatten(1, 1, 28, 28);
        using Tensor x = torch.randn(4, 784);
        using Tensor y = unflat.call(x);
        Assert.Equal(new long[] { 4, 1, 28, 28 }, y.shape);
        using Tensor back = nn.Flatten().call(y);
        Assert.Equal(x.ToArray<float>(), back.ToArray<float>());
    }

    [Fact]
    public void NearestUpsamplingRepeatsEachPixel()
    {
        using var up = nn.Upsample(scale_factor: 2);
        using Tensor x = torch.tensor(new float[] { 1, 2, 3, 4 }, new long[] { 1, 1, 2, 2 });
        using Tensor y = up.call(x);
        Assert.Equal(new float[] { 1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4 }, y.ToArray<float>());
    }

    [Fact]
    public void BilinearUpsamplingToASizeInterpolates()
    {
        using var up = nn.Upsample(size: new long[] { 1, 3 }, mode: "bilinear", align_corners: true);
        using Tensor x = torch.tensor(new float[] { 0, 10 }, new long[] { 1, 1, 1, 2 });
        using Tensor y = up.call(x);
        Assert.Equal(new float[] { 0, 5, 10 }, y.ToArray<float>());      // corners kept, midpoint halfway
        Assert.Throws<ArgumentException>(() => nn.Upsample());
        Assert.Throws<ArgumentException>(() => nn.Upsample(scale_factor: 2, mode: "bicubic"));
    }
}
