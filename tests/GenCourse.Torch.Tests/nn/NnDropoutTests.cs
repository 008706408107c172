namespace GenCourse.Torch.Tests.Nn;

public class NnDropoutTests
{
    [Fact]
    public void TrainingZeroesAboutPAndScalesTheRestByOneOverOneMinusP()
    {
        torch.manual_seed(13);
        using var drop = nn.Dropout(0.3);
        using Tensor x = torch.ones(100_000);
        using Tensor y = drop.call(x);
        float[] v = y.ToArray<float>();
        double zeroFraction = v.Count(e => e == 0) / (double)v.Length;
        Assert.InRange(zeroFraction, 0.29, 0.31);                         // s.e. √(0.21/1e5) ≈ 0.0014
        Assert.All(v.Where(e => e != 0), e => Assert.Equal(1 / 0.7, e, 1e-6));
    }

    [Fact]
    public void EvaluationIsTheIdentity()
    {
        using var drop = nn.Dropout(0.5);
        drop.eval();
        using Tensor x = torch.randn(1000);
        using Tensor y = drop.call(x);
        Assert.Equal(x.ToArray<float>(), y.ToArray<float>());
    }

    [Fact]
    public void ProbabilityOneDropsEverything()
    {
        using var drop = nn.Dropout(1.0);
        using Tensor y = drop.call(torch.ones(10));
        Assert.All(y.ToArray<float>(), e => Assert.Equal(0f, e));
        Assert.Throws<ArgumentOutOfRangeException>(() => nn.Dropout(1.5));
    }
}
