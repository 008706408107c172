using static GenCourse.Torch.Tests.Nn.NnTestUtil;

namespace GenCourse.Torch.Tests.Nn;

public class NnEmbeddingTests
{
    [Fact]
    public void LooksUpRowsOfTheWeight()
    {
        using var emb = nn.Embedding(3, 2);
        Set(emb.weight, 0, 1, 10, 11, 20, 21);
        using Tensor idx = torch.tensor(new long[,] { { 2, 0 }, { 1, 1 } });
        using Tensor y = emb.call(idx);
        Assert.Equal(new long[] { 2, 2, 2 }, y.shape);
        Assert.Equal(new float[] { 20, 21, 0, 1, 10, 11, 10, 11 }, y.ToArray<float>());
    }

    [Fact]
    public void DefaultInitIsStandardNormal()
    {
        torch.manual_seed(12);
        using var emb = nn.Embedding(1000, 100);
        (double mean, double variance) = Moments(emb.weight);
        Assert.InRange(mean, -0.015, 0.015);          // s.e. 1/√1e5 ≈ 0.0032
        Assert.InRange(variance, 0.98, 1.02);         // s.e. √(2/1e5) ≈ 0.0045
    }

    [Fact]
    public void PaddingRowStartsAtZeroAndGetsNoGradient()
    {
        using var emb = nn.Embedding(4, 3, padding_idx: -1);
        Assert.Equal(3L, emb.padding_idx);
        using (Tensor row = emb.weight[3]) Assert.Equal(new float[] { 0, 0, 0 }, row.ToArray<float>());
        using Tensor idx = torch.tensor(new long[] { 3, 1, 3 });
        using (Tensor loss = emb.call(idx).sum()) loss.backward();
        using Tensor? g = emb.weight.grad;
        // row 1 used once → gradient 1; row 3 is padding → 0 although it was used twice
        Assert.Equal(new float[] { 0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0 }, g!.ToArray<float>());
    }

    [Fact]
    public void RejectsFloatIndices()
    {
        using var emb = nn.Embedding(4, 3);
        using Tensor idx = torch.tensor(new float[] { 1 });
        Assert.Contains("integer indices", Assert.Throws<ArgumentException>(() => emb.call(idx)).Message);
    }
}
