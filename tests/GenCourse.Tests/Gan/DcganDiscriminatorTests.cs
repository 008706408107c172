using GenCourse.Gan;
using F = TorchSharp.torch.nn.functional;

namespace GenCourse.Tests.Gan;

public class DcganDiscriminatorTests
{
    [Fact]
    public void ImagesBecomeOneLogitEach()
    {
        using var d = new DcganDiscriminator(new DcganOptions { Features = 8 });
        using var d32 = new DcganDiscriminator(DcganOptions.Cifar10 with { Features = 8 });
        using (torch.NewDisposeScope())
        {
            Assert.Equal(new long[] { 5 }, d.call(torch.rand(5, 1, 28, 28)).shape);
            Assert.Equal(new long[] { 3 }, d32.call(torch.rand(3, 3, 32, 32)).shape);
        }
    }

    [Fact]
    public void TheParameterCountIsTheHandCount()
    {
        // C = 1, c = 64 (Conv2d weights [out, in, k, k], no biases):
        //   Conv(1 → 64, 4×4)     64·1·16   =   1,024
        //   Conv(64 → 128, 4×4)   128·64·16 = 131,072
        //   BN(128)               2·128     =     256
        //   Conv(128 → 1, 7×7)    128·49    =   6,272
        //                                     138,624
        using var d = new DcganDiscriminator();
        Assert.Equal(138_624, d.parameters().Sum(p => p.numel()));
    }

    [Fact]
    public void StateDictKeysArePyTorchs()
    {
        using var d = new DcganDiscriminator(new DcganOptions { Features = 4 });
        var sd = d.state_dict();
        // TorchSharp lists every parameter before every buffer, PyTorch module by module; the names match.
        string[] pytorch = ["net.0.weight", "net.2.weight", "net.3.weight", "net.3.bias", "net.3.running_mean", "net.3.running_var",
            "net.3.num_batches_tracked", "net.5.weight"];
        Assert.Equal(pytorch.Order(StringComparer.Ordinal), sd.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(new long[] { 1, 8, 7, 7 }, sd["net.5.weight"].shape);
    }

    [Fact]
    public void TheLayersAreWiredAsThePaperDraws()
    {
        // Conv(4, 2, 1) → LeakyReLU 0.2 → Conv(4, 2, 1) → BN → LeakyReLU 0.2 → Conv(7, 1, 0), no sigmoid.
        torch.manual_seed(4);
        using var d = DcganInit.Apply(new DcganDiscriminator(new DcganOptions { Features = 4 }));
        var p = d.state_dict();
        using (torch.NewDisposeScope())
        {
            Tensor x = torch.rand(6, 1, 28, 28) * 2 - 1;
            Tensor h = F.leaky_relu(F.conv2d(x, p["net.0.weight"], strides: [2, 2], padding: [1, 1]), 0.2);
            h = F.conv2d(h, p["net.2.weight"], strides: [2, 2], padding: [1, 1]);
            h = F.leaky_relu(F.batch_norm(h, null, null, p["net.3.weight"], p["net.3.bias"], training: true), 0.2);
            Tensor expected = F.conv2d(h, p["net.5.weight"]).view(6);
            Tensor actual = d.call(x);
            Assert.True((actual - expected).abs().max().ToSingle() < 1e-5);
        }
    }

    [Fact]
    public void TheInputGetsAGradientForTheGeneratorToFollow()
    {
        using var d = new DcganDiscriminator(new DcganOptions { Features = 4 });
        using (torch.NewDisposeScope())
        {
            Tensor x = torch.rand(2, 1, 28, 28).requires_grad_();
            d.call(x).sum().backward();
            Assert.True(x.grad!.abs().sum().ToSingle() > 0);
        }
    }

    [Theory]
    [InlineData(new long[] { 2, 1, 32, 32 })]
    [InlineData(new long[] { 2, 3, 28, 28 })]
    [InlineData(new long[] { 1, 28, 28 })]
    public void WrongImageShapesAreRejected(long[] shape)
    {
        using var d = new DcganDiscriminator(new DcganOptions { Features = 4 });
        using Tensor x = torch.rand(shape);
        var e = Assert.Throws<ArgumentException>(() => d.call(x));
        Assert.Contains("expects images [B, 1, 28, 28]", e.Message);
        Assert.Contains($"got [{string.Join(", ", shape)}]", e.Message);
    }
}
