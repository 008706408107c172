using GenCourse.Autoencoders;
using GenCourse.Tests.Data;
using static GenCourse.Tests.Autoencoders.Numerics;

namespace GenCourse.Tests.Autoencoders;

public class ContractiveAutoencoderTests
{
    // The paper's encoder: one sigmoid layer h = σ(Wx + b), here with 128 units.
    private static readonly AutoencoderOptions OneSigmoidLayer = new()
    {
        LatentSize = 128,
        HiddenSizes = Array.Empty<int>(),
        LatentActivation = Activation.Sigmoid,
    };

    [Fact]
    public void TheClosedFormNeedsOneSigmoidLayer()
    {
        var e = Assert.Throws<ArgumentException>(() => new ContractiveAutoencoder(AutoencoderOptions.Mlp(8), new ContractiveOptions()));
        Assert.Contains("JacobianMethod.Autograd", e.Message);
        using var any = new ContractiveAutoencoder(AutoencoderOptions.Conv(4), new ContractiveOptions { Method = JacobianMethod.Autograd });
    }

    [Fact]
    public void ClosedFormAndAutogradGiveTheSameLossAndGradients()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(61);
        var small = OneSigmoidLayer with { LatentSize = 6 };
        using var closed = new ContractiveAutoencoder(small, new ContractiveOptions { Weight = 2, Method = JacobianMethod.ClosedForm });
        using var exact = new ContractiveAutoencoder(small, new ContractiveOptions { Weight = 2, Method = JacobianMethod.Autograd });
        var sd = closed.state_dict(); exact.load_state_dict(sd);
        Tensor x = torch.rand(5, 1, 28, 28);

        AutoencoderLoss a = closed.Loss(x), b = exact.Loss(x);
        Assert.Equal(Scalar(a.Penalty!), Scalar(b.Penalty!), 1e-5 * Scalar(a.Penalty!));
        Assert.Equal(Scalar(a.Total), Scalar(b.Total), 1e-5 * Scalar(a.Total));
        a.Total.backward();
        b.Total.backward();
        foreach (((string name, Tensor p), (_, Tensor q)) in closed.named_parameters().Zip(exact.named_parameters()))
        {
            double[] ga = Values(p.grad!), gb = Values(q.grad!);
            double scale = ga.Max(Math.Abs);
            Close(ga, gb, 1e-4, 1e-5 * scale);
            Assert.True(scale > 0, $"{name} got no gradient");
        }
    }

    [DataSetFact("MNIST")]
    public void TheContractiveAutoencoderOverfitsOneBatch()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(62);
        Tensor x = MnistBatch.Images(32);
        using var model = new ContractiveAutoencoder(OneSigmoidLayer, new ContractiveOptions { Weight = 0.1 });
        (double first, double last) = MnistBatch.Overfit(model, x, steps: 300, lr: 3e-3);
        Assert.True(last / 784 < 0.015, $"error per pixel only fell from {first / 784:F4} to {last / 784:F4}");
    }

    [DataSetFact("MNIST")]
    public void ThePenaltyMakesTheEncoderLessSensitive()
    {
        using var scope = torch.NewDisposeScope();
        Tensor x = MnistBatch.Images(64, seed: 2);
        double JacobianNormAfterTraining(double lambda)
        {
            torch.manual_seed(63);
            using var model = new ContractiveAutoencoder(OneSigmoidLayer, new ContractiveOptions { Weight = lambda });
            MnistBatch.Overfit(model, x, steps: 200, lr: 3e-3);
            return Scalar(model.JacobianNorm(x).mean());
        }
        double free = JacobianNormAfterTraining(0), contracted = JacobianNormAfterTraining(1);
        Assert.True(contracted < 0.5 * free, $"mean ‖J‖²_F {contracted:F3} with λ = 1 against {free:F3} with λ = 0");
    }
}
