using GenCourse.Autoencoders;
using GenCourse.Data;
using GenCourse.Tests.Data;
using static GenCourse.Tests.Autoencoders.Numerics;

namespace GenCourse.Tests.Autoencoders;

public class DenoisingAutoencoderTests
{
    [Fact]
    public void WithoutNoiseTheLossIsThePlainAutoencoderLoss()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(71);
        using var plain = new Autoencoder(AutoencoderOptions.Mlp(8));
        using var denoising = new DenoisingAutoencoder(AutoencoderOptions.Mlp(8), new CorruptionOptions { Level = 0 });
        var sd = plain.state_dict(); denoising.load_state_dict(sd);
        Tensor x = torch.rand(4, 1, 28, 28);
        Assert.Equal(Scalar(plain.Loss(x).Total), Scalar(denoising.Loss(x).Total), 5);
    }

    [Fact]
    public void TheTargetIsTheCleanInput()
    {
        // With masking ν = 1 the network sees only zeros, so its output is one fixed image c and
        // the loss is (1/B) Σ ‖x_b − c‖²; measured against the corrupted input it would be ‖c‖².
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(72);
        using var model = new DenoisingAutoencoder(AutoencoderOptions.Mlp(8), new CorruptionOptions { Kind = CorruptionKind.Masking, Level = 1 });
        Tensor x = torch.rand(4, 1, 28, 28);
        AutoencoderLoss loss = model.Loss(x);
        Tensor c = model.call(torch.zeros(4, 1, 28, 28)).Reconstruction;
        Assert.Equal(Scalar(Autoencoder.ReconstructionLoss(x, c)), Scalar(loss.Total), 4);
    }

    [DataSetFact("MNIST")]
    public void TheDenoisingAutoencoderOverfitsOneBatch()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(73);
        Tensor x = MnistBatch.Images(32);
        using var model = new DenoisingAutoencoder(AutoencoderOptions.Mlp(16), new CorruptionOptions { Level = 0.3 });
        (double first, double last) = MnistBatch.Overfit(model, x, steps: 300);
        Assert.True(last / 784 < 0.02, $"error per pixel only fell from {first / 784:F4} to {last / 784:F4}");
    }

    [DataSetFact("MNIST")]
    public void OnUnseenImagesItRemovesGaussianNoiseBetterThanTheIdentityMap() => RemovesNoise(CorruptionKind.Gaussian, 0.5);

    [DataSetFact("MNIST")]
    public void OnUnseenImagesItFillsInMaskedPixelsBetterThanTheIdentityMap() => RemovesNoise(CorruptionKind.Masking, 0.5);

    private static void RemovesNoise(CorruptionKind kind, double level)
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(74);
        using ImageDataset trainAll = Mnist.Load(DataSplit.Train);
        using ImageDataset testAll = Mnist.Load(DataSplit.Test);
        using ImageDataset train = trainAll.RandomSubset(2048, 1);
        using ImageDataset test = testAll.RandomSubset(500, 2);
        var corruption = new CorruptionOptions { Kind = kind, Level = level };
        using var model = new DenoisingAutoencoder(AutoencoderOptions.Mlp(32) with { HiddenSizes = new[] { 256 } }, corruption);
        AutoencoderTrainer.Train(model, train, new TrainOptions { Epochs = 6, BatchSize = 64, LearningRate = 2e-3 });

        using var generator = new Generator(3);
        Tensor x = test.Images, xTilde = model.Corrupt(x, generator);
        double identity = Scalar(Autoencoder.ReconstructionLoss(x, xTilde)) / 784;    // leave the noise in
        double denoised;
        using (torch.no_grad()) denoised = Scalar(Autoencoder.ReconstructionLoss(x, model.call(xTilde).Reconstruction)) / 784;
        Assert.True(denoised < 0.6 * identity, $"{kind} {level}: error per pixel {denoised:F4} after denoising, {identity:F4} for the noisy input itself");
    }
}
