using GenCourse.Gan;
using F = TorchSharp.torch.nn.functional;

namespace GenCourse.Tests.Gan;

public class DcganGeneratorTests
{
    [Fact]
    public void NoiseBecomesImagesInTheTanhRange()
    {
        torch.manual_seed(1);
        using var g = DcganInit.Apply(new DcganGenerator());
        using (torch.NewDisposeScope())
        {
            Tensor x = g.call(torch.randn(5, 100));
            Assert.Equal(new long[] { 5, 1, 28, 28 }, x.shape);
            Assert.True(x.abs().max().ToSingle() <= 1);
            // BN feeds the last layer unit-variance activations, so the images are not all ≈ 0.
            Assert.True(x.std().ToSingle() > 0.05);
        }
    }

    [Fact]
    public void Cifar10OptionsMakeThreeChannelImagesOf32By32()
    {
        using var g = new DcganGenerator(DcganOptions.Cifar10 with { Features = 8 });
        using (torch.NewDisposeScope())
            Assert.Equal(new long[] { 2, 3, 32, 32 }, g.call(torch.randn(2, 100)).shape);
    }

    [Fact]
    public void TheTutorialsFourDimensionalNoiseGivesTheSameImages()
    {
        using var g = new DcganGenerator(new DcganOptions { Features = 8, LatentDim = 10 });
        using (torch.NewDisposeScope())
        {
            Tensor z = torch.randn(4, 10);
            Assert.Equal(g.call(z).ToArray<float>(), g.call(z.view(4, 10, 1, 1)).ToArray<float>());
        }
    }

    [Fact]
    public void TheParameterCountIsTheHandCount()
    {
        // nz = 100, c = 64, C = 1 (ConvTranspose2d weights are [in, out, k, k], no biases):
        //   ConvT(100 → 256, 7×7)  100·256·49 = 1,254,400
        //   BN(256)                2·256      =       512
        //   ConvT(256 → 128, 4×4)  256·128·16 =   524,288
        //   BN(128)                2·128      =       256
        //   ConvT(128 → 1, 4×4)    128·1·16   =     2,048
        //                                       1,781,504
        using var g = new DcganGenerator();
        Assert.Equal(1_781_504, g.parameters().Sum(p => p.numel()));
    }

    [Fact]
    public void StateDictKeysArePyTorchs()
    {
        using var g = new DcganGenerator(new DcganOptions { Features = 4, LatentDim = 8 });
        var sd = g.state_dict();
        string[] bn(int i) => [$"net.{i}.weight", $"net.{i}.bias", $"net.{i}.running_mean", $"net.{i}.running_var", $"net.{i}.num_batches_tracked"];
        // TorchSharp lists every parameter before every buffer, PyTorch module by module; the names,
        // which checkpoints use, are PyTorch's.
        string[] pytorch = ["net.0.weight", .. bn(1), "net.3.weight", .. bn(4), "net.6.weight"];
        Assert.Equal(pytorch.Order(StringComparer.Ordinal), sd.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(new long[] { 8, 16, 7, 7 }, sd["net.0.weight"].shape);
        Assert.Equal(new long[] { 16, 8, 4, 4 }, sd["net.3.weight"].shape);
        Assert.Equal(new long[] { 8, 1, 4, 4 }, sd["net.6.weight"].shape);
    }

    [Fact]
    public void TheLayersAreWiredAsThePaperDraws()
    {
        // The same computation written with functional ops: ConvT(7, 1, 0) → BN → ReLU → ConvT(4, 2, 1) → BN → ReLU → ConvT(4, 2, 1) → tanh.
        torch.manual_seed(3);
        using var g = DcganInit.Apply(new DcganGenerator(new DcganOptions { Features = 4, LatentDim = 8 }));
        var p = g.state_dict();
        using (torch.NewDisposeScope())
        {
            Tensor z = torch.randn(6, 8);
            Tensor h = F.conv_transpose2d(z.view(6, 8, 1, 1), p["net.0.weight"], strides: [1, 1], padding: [0, 0]);
            h = F.relu(F.batch_norm(h, null, null, p["net.1.weight"], p["net.1.bias"], training: true));
            h = F.conv_transpose2d(h, p["net.3.weight"], strides: [2, 2], padding: [1, 1]);
            h = F.relu(F.batch_norm(h, null, null, p["net.4.weight"], p["net.4.bias"], training: true));
            Tensor expected = F.conv_transpose2d(h, p["net.6.weight"], strides: [2, 2], padding: [1, 1]).tanh();
            Tensor actual = g.call(z);
            Assert.True((actual - expected).abs().max().ToSingle() < 1e-5);
        }
    }

    [Theory]
    [InlineData(new long[] { 4, 99 })]
    [InlineData(new long[] { 100 })]
    [InlineData(new long[] { 4, 100, 1 })]
    [InlineData(new long[] { 4, 100, 2, 2 })]
    public void WrongNoiseShapesAreRejected(long[] shape)
    {
        using var g = new DcganGenerator(new DcganOptions { Features = 4 });
        using Tensor z = torch.randn(shape);
        var e = Assert.Throws<ArgumentException>(() => g.call(z));
        Assert.Contains("expects noise z [B, 100]", e.Message);
        Assert.Contains($"got [{string.Join(", ", shape)}]", e.Message);
    }

    [Fact]
    public void SamplesAreReproducibleFromASeedAndCarryNoGradient()
    {
        using var g = new DcganGenerator(new DcganOptions { Features = 4, LatentDim = 8 });
        g.eval();
        using var a = new Generator(5);
        using var b = new Generator(5);
        using Tensor x = g.Sample(3, a);
        using Tensor y = g.Sample(3, b);
        Assert.Equal(new long[] { 3, 1, 28, 28 }, x.shape);
        Assert.False(x.requires_grad);
        Assert.Equal(x.ToArray<float>(), y.ToArray<float>());
        Assert.Throws<ArgumentOutOfRangeException>(() => g.Sample(0));
    }
}
