using GenCourse.Autoencoders;
using GenCourse.Tests.Data;
using static GenCourse.Tests.Autoencoders.Numerics;

namespace GenCourse.Tests.Autoencoders;

public class SparseAutoencoderTests
{
    private static readonly AutoencoderOptions SigmoidCode = new()
    {
        LatentSize = 64,
        HiddenSizes = new[] { 256 },
        LatentActivation = Activation.Sigmoid,
    };

    [Fact]
    public void TheKlPenaltyNeedsSigmoidCodes()
    {
        var e = Assert.Throws<ArgumentException>(() => new SparseAutoencoder(AutoencoderOptions.Mlp(8), new SparsityOptions()));
        Assert.Contains("LatentActivation = Sigmoid", e.Message);
        using var l1 = new SparseAutoencoder(AutoencoderOptions.Mlp(8), new SparsityOptions { Kind = SparsityKind.L1 });
        Assert.Contains("between 0 and 1", Assert.Throws<ArgumentException>(() =>
            new SparseAutoencoder(SigmoidCode, new SparsityOptions { Target = 0 })).Message);
    }

    [Fact]
    public void TheLossIsReconstructionPlusBetaTimesThePenalty()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(51);
        using var model = new SparseAutoencoder(SigmoidCode, new SparsityOptions { Target = 0.1, Weight = 3 });
        Tensor x = torch.rand(6, 1, 28, 28);
        AutoencoderLoss loss = model.Loss(x);
        double expectedPenalty = Scalar(SparsityPenalty.KlDivergence(loss.Output.Latent, 0.1));
        Assert.Equal(expectedPenalty, Scalar(loss.Penalty!), 5);
        Assert.Equal(Scalar(Autoencoder.ReconstructionLoss(x, loss.Output.Reconstruction)), Scalar(loss.Reconstruction), 4);
        Assert.Equal(Scalar(loss.Reconstruction) + 3 * expectedPenalty, Scalar(loss.Total), 3);
    }

    [DataSetFact("MNIST")]
    public void TrainingOnOneBatchReconstructsItAndPullsMeanActivationsTowardsTheTarget()
    {
        using var scope = torch.NewDisposeScope();
        Tensor x = MnistBatch.Images(64);
        (double meanActivation, double maxActivation, double penalty, double first, double last) Train(double beta)
        {
            torch.manual_seed(52);
            using var model = new SparseAutoencoder(SigmoidCode, new SparsityOptions { Target = 0.05, Weight = beta });
            (double first, double last) = MnistBatch.Overfit(model, x, steps: 400);
            using var noGrad = torch.no_grad();
            Tensor h = model.Encode(x);
            double[] rhoHat = Values(SparsityPenalty.MeanActivation(h));
            return (rhoHat.Average(), rhoHat.Max(), Scalar(SparsityPenalty.KlDivergence(h, 0.05)), first, last);
        }
        var free = Train(0);
        var sparse = Train(1);
        string report = $"β = 0: mean activation {free.meanActivation:F3}, Σ KL {free.penalty:F2}, error/pixel {free.last / 784:F4}; " +
                        $"β = 1: mean activation {sparse.meanActivation:F3} (max {sparse.maxActivation:F3}), Σ KL {sparse.penalty:F2}, error/pixel {sparse.first / 784:F4} → {sparse.last / 784:F4}";
        Assert.True(sparse.last / 784 < 0.02, report);                       // still reconstructs the batch
        Assert.True(free.meanActivation > 0.2, report);                      // unpenalised codes stay busy
        Assert.True(sparse.meanActivation < 0.15 && sparse.maxActivation < 0.25, report);
        Assert.True(sparse.penalty < 0.1 * free.penalty, report);
    }

    [DataSetFact("MNIST")]
    public void TheL1PenaltyShrinksActivationsComparedWithNoPenalty()
    {
        using var scope = torch.NewDisposeScope();
        Tensor x = MnistBatch.Images(64, seed: 1);
        double MeanAbsCode(double weight)
        {
            torch.manual_seed(53);
            using var model = new SparseAutoencoder(AutoencoderOptions.Mlp(32) with { HiddenSizes = new[] { 256 } },
                new SparsityOptions { Kind = SparsityKind.L1, Weight = weight });
            MnistBatch.Overfit(model, x, steps: 200);
            using var noGrad = torch.no_grad();
            return Scalar(model.Encode(x).abs().mean());
        }
        double free = MeanAbsCode(0), penalised = MeanAbsCode(1);
        Assert.True(penalised < 0.5 * free, $"mean |h| {penalised:F3} with the L1 penalty against {free:F3} without");
    }
}
