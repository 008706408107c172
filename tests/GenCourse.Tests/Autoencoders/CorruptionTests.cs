using GenCourse.Autoencoders;
using static GenCourse.Tests.Autoencoders.Numerics;

namespace GenCourse.Tests.Autoencoders;

public class CorruptionTests
{
    [Fact]
    public void GaussianNoiseHasMeanZeroAndStandardDeviationSigma()
    {
        using var scope = torch.NewDisposeScope();
        using var generator = new Generator(5);
        Tensor x = torch.rand(200, 1, 28, 28);
        Tensor noise = Corruption.Gaussian(x, 0.3, generator) - x;
        Assert.Equal(x.shape, noise.shape);
        Assert.InRange(Scalar(noise.mean()), -0.005, 0.005);
        Assert.InRange(Scalar(noise.std()), 0.297, 0.303);    // n = 156,800: the sample std has a relative error of about 0.2%, the bound is ±1%
    }

    [Fact]
    public void MaskingZeroesAFractionNuAndKeepsTheRest()
    {
        using var scope = torch.NewDisposeScope();
        using var generator = new Generator(6);
        Tensor x = torch.rand(200, 1, 28, 28) * 0.9 + 0.1;    // no zeros to start with
        Tensor xTilde = Corruption.Masking(x, 0.25, generator);
        double zeroed = Scalar(xTilde.eq(0.0).to(ScalarType.Float64).mean());
        Assert.InRange(zeroed, 0.24, 0.26);                   // std of the fraction ≈ 0.0011
        Tensor kept = xTilde.ne(0.0);
        Assert.Equal(0.0, Scalar((xTilde - x).masked_select(kept).abs().max()));
    }

    [Fact]
    public void TheSameGeneratorSeedGivesTheSameCorruption()
    {
        using var scope = torch.NewDisposeScope();
        Tensor x = torch.rand(4, 1, 28, 28);
        using var g1 = new Generator(7);
        using var g2 = new Generator(7);
        using var g3 = new Generator(8);
        var options = new CorruptionOptions { Kind = CorruptionKind.Masking, Level = 0.5 };
        Tensor a = Corruption.Apply(x, options, g1), b = Corruption.Apply(x, options, g2), c = Corruption.Apply(x, options, g3);
        Assert.Equal(Values(a), Values(b));
        Assert.NotEqual(Values(a), Values(c));
    }

    [Fact]
    public void ZeroLevelIsTheIdentityAndFullMaskingIsZero()
    {
        using var scope = torch.NewDisposeScope();
        Tensor x = torch.rand(3, 1, 28, 28);
        Assert.Equal(Values(x), Values(Corruption.Gaussian(x, 0)));
        Assert.Equal(Values(x), Values(Corruption.Masking(x, 0)));
        Assert.Equal(0.0, Scalar(Corruption.Masking(x, 1).abs().sum()));
    }

    [Fact]
    public void BadLevelsSayWhatIsWrong()
    {
        using var scope = torch.NewDisposeScope();
        Tensor x = torch.rand(2, 4);
        Assert.Contains("[0, 1]", Assert.Throws<ArgumentOutOfRangeException>(() => Corruption.Masking(x, 1.5)).Message);
        Assert.Contains("≥ 0", Assert.Throws<ArgumentOutOfRangeException>(() => Corruption.Gaussian(x, -0.1)).Message);
        Assert.Contains("[0, 1]", Assert.Throws<ArgumentException>(() =>
            Corruption.Apply(x, new CorruptionOptions { Kind = CorruptionKind.Masking, Level = 2 })).Message);
    }
}
