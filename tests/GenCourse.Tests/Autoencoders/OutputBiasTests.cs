using GenCourse.Autoencoders;
using GenCourse.Tests.Data;
using static GenCourse.Tests.Autoencoders.Numerics;

namespace GenCourse.Tests.Autoencoders;

public class OutputBiasTests
{
    // Two images [2, 2, 1, 2]: channel 0 holds 0, 0.5, 0, 0.5 (mean ¼), channel 1 holds 1, 0, 0.5, 0.5 (mean ½).
    private static Tensor TwoChannelImages() =>
        torch.tensor(new float[] { 0f, 0.5f, 1f, 0f, 0f, 0.5f, 0.5f, 0.5f }, new long[] { 2, 2, 1, 2 });

    [Fact]
    public void IsTheLogitOfEachChannelsMeanBeforeASigmoid()
    {
        using var scope = torch.NewDisposeScope();
        // logit(¼) = log(¼ / ¾) = −log 3, logit(½) = 0
        Close(new[] { -Math.Log(3), 0 }, Values(OutputBias.FromImages(TwoChannelImages(), Activation.Sigmoid)), 1e-6, 1e-6);
    }

    [Fact]
    public void IsEachChannelsMeanBeforeALinearOutput()
    {
        using var scope = torch.NewDisposeScope();
        Close(new[] { 0.25, 0.5 }, Values(OutputBias.FromImages(TwoChannelImages(), Activation.Identity)), 1e-7, 1e-7);
    }

    [Fact]
    public void StaysFiniteForAChannelThatIsAllBlack()
    {
        using var scope = torch.NewDisposeScope();
        double b = Scalar(OutputBias.FromImages(torch.zeros(3, 1, 4, 4), Activation.Sigmoid));
        Assert.Equal(Math.Log(OutputBias.Epsilon / (1 - OutputBias.Epsilon)), b, 4);
    }

    [Fact]
    public void RejectsOtherActivationsAndShapelessInput()
    {
        using var scope = torch.NewDisposeScope();
        var tanh = Assert.Throws<ArgumentException>(() => OutputBias.FromImages(TwoChannelImages(), Activation.Tanh));
        Assert.Contains("Tanh", tanh.Message);
        Assert.Throws<ArgumentException>(() => OutputBias.FromImages(torch.rand(5), Activation.Sigmoid));
    }

    [Theory]
    [InlineData(AutoencoderArchitecture.Mlp)]
    [InlineData(AutoencoderArchitecture.Conv)]
    public void ASilentLastLayerThenOutputsTheMeanPixel(AutoencoderArchitecture architecture)
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(0);
        using var model = new Autoencoder(new AutoencoderOptions { Architecture = architecture, LatentSize = 4 });
        Tensor images = torch.rand(16, 1, 28, 28) * 0.4;
        double mean = Scalar(images.mean());
        model.InitializeOutputBias(images);
        // With the last layer's weights at 0 only the bias is left: x̂ = σ(logit(x̄)) = x̄ at every pixel.
        Tensor lastWeight = architecture == AutoencoderArchitecture.Conv
            ? ((TorchSharp.Modules.ConvTranspose2d)((ConvDecoder)model.Decoder).Features.children().Last()).weight
            : ((MlpDecoder)model.Decoder).Output.weight;
        using (torch.no_grad()) lastWeight.zero_();
        Tensor xHat = model.call(torch.rand(3, 1, 28, 28)).Reconstruction;
        Close(Enumerable.Repeat(mean, 3 * 784).ToArray(), Values(xHat), 1e-5, 1e-6);
    }

    [Fact]
    public void RejectsImagesOfAnotherSize()
    {
        using var scope = torch.NewDisposeScope();
        using var model = new Autoencoder(AutoencoderOptions.Mlp(4));
        var e = Assert.Throws<ArgumentException>(() => model.InitializeOutputBias(torch.rand(2, 1, 14, 14)));
        Assert.Contains("784", e.Message);
    }

    [DataSetFact("MNIST")]
    public void KeepsASigmoidConvDecoderAliveOnSeedsWhereItDiedWithoutIt()
    {
        // Without the bias from the data, these seeds (Adam lr 2e-3, one batch of 32) drove every
        // output to 0 within ~50 steps and stayed at a black image's error E[x²] ≈ 0.106 per pixel.
        using var scope = torch.NewDisposeScope();
        Tensor x = MnistBatch.Images(32);
        double allBlack = Scalar(x.square().mean());
        foreach (int seed in new[] { 40, 41, 42 })
        {
            torch.manual_seed(seed);
            using var model = new Autoencoder(AutoencoderOptions.Conv(16));
            model.InitializeOutputBias(x);
            (_, double last) = MnistBatch.Overfit(model, x, steps: 100, lr: 2e-3);
            Assert.True(last / 784 < 0.5 * allBlack,
                $"seed {seed}: error per pixel {last / 784:F4} after 100 steps, near a black image's {allBlack:F4}");
        }
    }
}
