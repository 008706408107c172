using GenCourse.Autoencoders;
using GenCourse.Tests.Data;
using static GenCourse.Tests.Autoencoders.Numerics;

namespace GenCourse.Tests.Autoencoders;

public class AutoencoderTests
{
    [Theory]
    [InlineData(AutoencoderArchitecture.Mlp)]
    [InlineData(AutoencoderArchitecture.Conv)]
    public void ReturnsTheCodeAndAReconstructionShapedLikeTheInput(AutoencoderArchitecture architecture)
    {
        using var scope = torch.NewDisposeScope();
        using var model = new Autoencoder(new AutoencoderOptions { Architecture = architecture, LatentSize = 5 });
        Tensor x = torch.rand(3, 1, 28, 28);
        AutoencoderOutput output = model.call(x);
        Assert.Equal(new long[] { 3, 5 }, output.Latent.shape);
        Assert.Equal(x.shape, output.Reconstruction.shape);
        double min = Scalar(output.Reconstruction.min()), max = Scalar(output.Reconstruction.max());
        Assert.True(min > 0 && max < 1, "a sigmoid output lies in (0, 1)");
        Close(Values(output.Reconstruction), Values(model.Decode(model.Encode(x))), 0, 0);
    }

    [Fact]
    public void StateDictKeysNameTheEncoderAndDecoderLayers()
    {
        using var model = new Autoencoder(AutoencoderOptions.Conv(8));
        var sd = model.state_dict();
        Assert.Equal(new[]
        {
            "encoder.features.0.weight", "encoder.features.0.bias", "encoder.features.2.weight", "encoder.features.2.bias",
            "encoder.latent.weight", "encoder.latent.bias",
            "decoder.project.weight", "decoder.project.bias",
            "decoder.features.0.weight", "decoder.features.0.bias", "decoder.features.2.weight", "decoder.features.2.bias",
        }, sd.Keys);
        Assert.Equal(new long[] { 8, 64 * 7 * 7 }, sd["encoder.latent.weight"].shape);
        using var linear = new Autoencoder(AutoencoderOptions.Linear(3, 20));
        Assert.Equal(new long[] { 20, 3 }, ((MlpDecoder)linear.Decoder).Output.weight.shape);
        Assert.Equal(2 * 20 * 3 + 20 + 3, linear.parameters().Sum(p => p.numel()));
    }

    [Fact]
    public void ReconstructionLossIsTheBatchMeanOfSummedSquaredErrors()
    {
        using var scope = torch.NewDisposeScope();
        Tensor x = Tensor64(new[] { 0.0, 1, 1, 1 }, 2, 1, 1, 2);
        Tensor xHat = Tensor64(new[] { 0.5, 1, 0, 0 }, 2, 1, 1, 2);
        Close(new[] { 0.25, 2.0 }, Values(Autoencoder.ReconstructionError(x, xHat)), 0, 1e-15);
        Assert.Equal(1.125, Scalar(Autoencoder.ReconstructionLoss(x, xHat)), 15);
        Assert.Contains("shape", Assert.Throws<ArgumentException>(() => Autoencoder.ReconstructionLoss(x, torch.rand(2, 2))).Message);
    }

    [Fact]
    public void InputsOfTheWrongShapeAreAClearError()
    {
        using var scope = torch.NewDisposeScope();
        using var mlp = new Autoencoder(AutoencoderOptions.Mlp(4));
        Assert.Contains("784 values", Assert.Throws<ArgumentException>(() => mlp.call(torch.rand(2, 1, 14, 14))).Message);
        using var conv = new Autoencoder(AutoencoderOptions.Conv(4));
        Assert.Contains("[B, 1, 28, 28]", Assert.Throws<ArgumentException>(() => conv.call(torch.rand(2, 784))).Message);
        Assert.Contains("[B, 4]", Assert.Throws<ArgumentException>(() => conv.Decode(torch.rand(2, 5))).Message);
    }

    [Fact]
    public void ALinearAutoencoderRecoversThePrincipalSubspace()
    {
        // Baldi and Hornik (1989): the global minimum of a linear AE's squared error spans PCA's
        // top-k subspace. Synthetic data: rank 3 in ℝ²⁰ with distinct variances plus small noise.
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(41);
        const long n = 1000, d = 20, k = 3;
        Tensor basis = PcaTests.RandomRotation(d).narrow(1, 0, k);                              // [D, k]
        Tensor z = torch.randn(new[] { n, k }, ScalarType.Float64) * Tensor64(new[] { 3.0, 2.0, 1.0 }, k);
        Tensor data = (torch.mm(z, basis.t()) + 0.05 * torch.randn(new[] { n, d }, ScalarType.Float64) + 0.5).to(ScalarType.Float32);

        using Pca pca = Pca.Fit(data, (int)k);
        using var model = new Autoencoder(AutoencoderOptions.Linear((int)k, d));
        Tensor decoderWeight = ((MlpDecoder)model.Decoder).Output.weight;                        // [D, k]: x̂ = W_d h + b_d
        double before = PrincipalAngles.Largest(decoderWeight.detach(), pca.Components);

        using var opt = optim.Adam(model.parameters(), lr: 1e-2);
        for (int step = 0; step < 3000; ++step)
        {
            using var stepScope = torch.NewDisposeScope();
            opt.zero_grad();
            model.Loss(data).Total.backward();
            opt.step();
        }
        double after = PrincipalAngles.Largest(decoderWeight.detach(), pca.Components);
        double aeMse = Scalar(Autoencoder.ReconstructionLoss(data, model.call(data).Reconstruction)) / d;

        Assert.True(before > 0.5, $"a random decoder should be far from PCA's subspace (largest angle {before:F3} rad)");
        Assert.True(after < 0.01, $"largest principal angle to PCA's subspace is {after:F4} rad after training");
        Assert.InRange(aeMse / pca.MsePerPixel(data), 0.999, 1.01);
    }

    [DataSetFact("MNIST")]
    public void TheMlpAutoencoderOverfitsOneBatch()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(42);
        Tensor x = MnistBatch.Images(32);
        using var model = new Autoencoder(AutoencoderOptions.Mlp(16));
        (double first, double last) = MnistBatch.Overfit(model, x, steps: 300);
        // Per pixel: about 0.23 at the start (sigmoid outputs near ½), while the batch's own
        // mean image already gives about 0.06; memorising the batch goes far below both.
        Assert.True(first / 784 > 0.15, $"initial error {first / 784:F4} per pixel");
        Assert.True(last / 784 < 0.01, $"error per pixel only fell from {first / 784:F4} to {last / 784:F4}");
    }

    [DataSetFact("MNIST")]
    public void TheConvAutoencoderOverfitsOneBatch()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(43);
        Tensor x = MnistBatch.Images(32);
        using var model = new Autoencoder(AutoencoderOptions.Conv(16));
        model.InitializeOutputBias(x);   // as AutoencoderTrainer does; see OutputBias
        (double first, double last) = MnistBatch.Overfit(model, x, steps: 300, lr: 2e-3);
        // Starting from the mean pixel, the error is about the pixels' variance, ≈ 0.09.
        Assert.True(first / 784 > 0.05, $"initial error {first / 784:F4} per pixel");
        Assert.True(last / 784 < 0.015, $"error per pixel only fell from {first / 784:F4} to {last / 784:F4}");
    }

    [Fact]
    public void EncodeAllBatchesWithoutGradientsAndKeepsTheOrder()
    {
        using var scope = torch.NewDisposeScope();
        using var model = new Autoencoder(AutoencoderOptions.Mlp(2));
        Tensor x = torch.rand(25, 1, 28, 28);
        Tensor all = model.EncodeAll(x, batchSize: 10);
        Assert.Equal(new long[] { 25, 2 }, all.shape);
        Assert.False(all.requires_grad);
        Close(Values(model.Encode(x)), Values(all), 1e-5, 1e-6);
        Assert.True(model.training, "EncodeAll restores training mode");
    }
}
