namespace GenCourse.Torch.Tests;

/// <summary>manual_seed changes the global generator, so these run alone.</summary>
[Collection(SerialCollection.Name)]
public class TorchRandomTests
{
    private static double[] Draw(Func<Tensor> make)
    {
        using Tensor t = make();
        return t.ToArray<double>();
    }

    [Fact]
    public void SameSeedGivesTheSameNumbers()
    {
        torch.manual_seed(2024);
        double[] a = Draw(() => torch.randn(6));
        double[] r = Draw(() => torch.rand(4));
        double[] i = Draw(() => torch.randint(0, 100, new long[] { 5 }));
        torch.manual_seed(2024);
        Assert.Equal(a, Draw(() => torch.randn(6)));
        Assert.Equal(r, Draw(() => torch.rand(4)));
        Assert.Equal(i, Draw(() => torch.randint(0, 100, new long[] { 5 })));
    }

    [Fact]
    public void TheSequenceMovesOnAndOtherSeedsDiffer()
    {
        torch.manual_seed(1);
        double[] first = Draw(() => torch.randn(8));
        double[] second = Draw(() => torch.randn(8));
        torch.manual_seed(2);
        double[] other = Draw(() => torch.randn(8));
        Assert.NotEqual(first, second);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void RandnLikeFollowsTheGlobalSeed()
    {
        using var shape = torch.zeros(3, 2);
        torch.manual_seed(9);
        double[] a = Draw(() => torch.randn_like(shape));
        torch.manual_seed(9);
        Assert.Equal(a, Draw(() => torch.randn(3, 2)));
    }

    [Fact]
    public void AGeneratorIsReproducibleAndLeavesTheGlobalOneAlone()
    {
        torch.manual_seed(5);
        double[] global = Draw(() => torch.randn(4));

        using var g = new Generator(77);
        torch.manual_seed(5);
        double[] own = Draw(() => torch.randn(new long[] { 4 }, generator: g));
        Assert.Equal(global, Draw(() => torch.randn(4)));

        g.manual_seed(77);
        Assert.Equal(own, Draw(() => torch.randn(new long[] { 4 }, generator: g)));
        using var g2 = new Generator(77);
        Assert.Equal(own, Draw(() => torch.randn(new long[] { 4 }, generator: g2)));
    }
}
