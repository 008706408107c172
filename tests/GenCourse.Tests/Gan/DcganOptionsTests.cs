using GenCourse.Gan;

namespace GenCourse.Tests.Gan;

public class DcganOptionsTests
{
    [Fact]
    public void TheDefaultsAreTheTutorialsDcganAtMnistSize()
    {
        var o = new DcganOptions();
        Assert.Equal(100, o.LatentDim);
        Assert.Equal(64, o.Features);
        Assert.Equal(0.2, o.LeakySlope);
        Assert.Equal(new long[] { 1, 28, 28 }, o.ImageShape);
        Assert.Equal(7, o.BaseSize);
        Assert.Equal(o, DcganOptions.Mnist);
        Assert.Equal(new long[] { 3, 32, 32 }, DcganOptions.Cifar10.ImageShape);
        Assert.Equal(8, DcganOptions.Cifar10.BaseSize);
    }

    [Theory]
    [InlineData(0, 64, 1, 28, 0.2, "LatentDim")]
    [InlineData(100, 0, 1, 28, 0.2, "Features")]
    [InlineData(100, 64, 0, 28, 0.2, "ImageChannels")]
    [InlineData(100, 64, 1, 64, 0.2, "ImageSize 64 is not supported")]
    [InlineData(100, 64, 1, 30, 0.2, "28 (MNIST, Fashion-MNIST) or 32")]
    [InlineData(100, 64, 1, 28, 1.0, "LeakySlope")]
    public void ValidateSaysWhatToChange(int latent, int features, int channels, int size, double slope, string expected)
    {
        var o = new DcganOptions { LatentDim = latent, Features = features, ImageChannels = channels, ImageSize = size, LeakySlope = slope };
        Assert.Contains(expected, Assert.Throws<ArgumentException>(o.Validate).Message);
        Assert.Contains(expected, Assert.Throws<ArgumentException>(() => new DcganGenerator(o)).Message);
        Assert.Contains(expected, Assert.Throws<ArgumentException>(() => new DcganDiscriminator(o)).Message);
    }

    [Fact]
    public void TheConfigurationNamesEverySettingAndTellsOptionsApart()
    {
        var o = new DcganOptions { LatentDim = 32, Features = 16, ImageChannels = 3, ImageSize = 32 };
        IReadOnlyDictionary<string, string> c = o.ToConfig();
        Assert.Equal("32", c["dcgan.latent"]);
        Assert.Equal("16", c["dcgan.features"]);
        Assert.Equal("3x32x32", c["dcgan.image_shape"]);
        Assert.Equal("0.2", c["dcgan.leaky_slope"]);
        Assert.Equal("DCGAN z 32 → 3x32x32, c = 16, LeakyReLU 0.2", o.ToString());
        Assert.Equal(o, o with { });
        Assert.NotEqual(o.ToConfig(), (o with { Features = 8 }).ToConfig());
        Assert.NotEqual(o, o with { LeakySlope = 0.1 });
    }
}
