using GenCourse.Vae;

namespace GenCourse.Tests.Vae;

public class VaeOptionsTests
{
    [Fact]
    public void PresetsAreThePublishedArchitectures()
    {
        Assert.Equal([400], VaeOptions.PytorchExample.HiddenSizes);
        Assert.Equal(20, VaeOptions.PytorchExample.LatentDim);
        Assert.Equal(VaeActivation.ReLU, VaeOptions.PytorchExample.Activation);
        Assert.Equal([200, 200], VaeOptions.Iwae.HiddenSizes);
        Assert.Equal(50, VaeOptions.Iwae.LatentDim);
        Assert.Equal(VaeActivation.Tanh, VaeOptions.Iwae.Activation);
        Assert.Equal(784, VaeOptions.Iwae.Pixels);
    }

    [Fact]
    public void EqualOptionsCompareEqualAndGiveTheSameConfig()
    {
        var a = new VaeOptions { HiddenSizes = [200, 200] };
        var b = new VaeOptions { HiddenSizes = [200, 200] };
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, b with { LatentDim = 2 });
        Assert.Equal("200x200", a.ToConfig()["vae.hidden"]);
        Assert.NotEqual(a.ToConfig()["vae.latent"], (a with { LatentDim = 2 }).ToConfig()["vae.latent"]);
    }

    [Theory]
    [InlineData(0, "LatentDim")]
    [InlineData(-1, "LatentDim")]
    public void BadLatentSizeSaysWhichSetting(int latent, string expected)
    {
        var e = Assert.Throws<ArgumentException>(() => new VaeOptions { LatentDim = latent }.Validate());
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void ConvNeedsImageSidesDivisibleByItsStrides()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            new VaeOptions { Architecture = VaeArchitecture.Conv, ConvChannels = [8, 8, 8] }.Validate());
        Assert.Contains("divisible by 8", e.Message);
        new VaeOptions { Architecture = VaeArchitecture.Conv, ConvChannels = [8, 8] }.Validate();
    }

    [Fact]
    public void ClampRangeMustBeOrdered()
    {
        var e = Assert.Throws<ArgumentException>(() => new VaeOptions { LogVarMin = 5, LogVarMax = -5 }.Validate());
        Assert.Contains("LogVarMin", e.Message);
    }
}
