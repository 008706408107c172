using GenCourse.Engine;

namespace GenCourse.Tests.Engine;

public sealed class TensorValuesTests
{
    [Fact]
    public void ValuesComeOutConvertedInRowMajorOrder()
    {
        using Tensor x = torch.arange(6, dtype: ScalarType.Float32).reshape(2, 3).t();   // non-contiguous
        Assert.Equal(new double[] { 0, 3, 1, 4, 2, 5 }, x.ToArray<double>());
        Assert.Equal(new long[] { 0, 3, 1, 4, 2, 5 }, x.ToArray<long>());
        Assert.Empty(torch.zeros(0, 3).ToArray<float>());
        Assert.Throws<ArgumentException>(() => x.ToArray<decimal>());
    }
}
