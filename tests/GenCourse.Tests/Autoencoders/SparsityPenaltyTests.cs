using GenCourse.Autoencoders;
using static GenCourse.Tests.Autoencoders.Numerics;

namespace GenCourse.Tests.Autoencoders;

public class SparsityPenaltyTests
{
    private static double Kl(double rho, double rhoHat) =>
        rho * Math.Log(rho / rhoHat) + (1 - rho) * Math.Log((1 - rho) / (1 - rhoHat));

    [Fact]
    public void KlEqualsTheFormulaOnHandPickedActivations()
    {
        using var scope = torch.NewDisposeScope();
        // Two samples, three units: ρ̂ = (0.2, 0.6, 0.7).
        Tensor h = Tensor64(new[] { 0.1, 0.5, 0.9, 0.3, 0.7, 0.5 }, 2, 3);
        double expected = Kl(0.1, 0.2) + Kl(0.1, 0.6) + Kl(0.1, 0.7);
        Assert.Equal(expected, Scalar(SparsityPenalty.KlDivergence(h, 0.1)), 12);
        Close(new[] { 0.2, 0.6, 0.7 }, Values(SparsityPenalty.MeanActivation(h)), 1e-12, 1e-15);
        // KL(0.1 ‖ 0.2) = 0.1 ln ½ + 0.9 ln(9/8) = 0.036690…, worked by hand.
        Assert.Equal(0.1 * Math.Log(0.5) + 0.9 * Math.Log(9.0 / 8.0), Kl(0.1, 0.2), 15);
        Assert.InRange(Kl(0.1, 0.2), 0.03668, 0.03670);
    }

    [Fact]
    public void KlIsZeroWhenEveryUnitHitsTheTargetAndPositiveOtherwise()
    {
        using var scope = torch.NewDisposeScope();
        Tensor atTarget = Tensor64(new[] { 0.0, 0.1, 0.1, 0.0 }, 2, 2);   // ρ̂ = (0.05, 0.05)
        Assert.Equal(0.0, Scalar(SparsityPenalty.KlDivergence(atTarget, 0.05)), 12);
        Tensor off = Tensor64(new[] { 0.5, 0.5, 0.5, 0.5 }, 2, 2);
        Assert.True(Scalar(SparsityPenalty.KlDivergence(off, 0.05)) > 0.9);   // 2·KL(0.05 ‖ 0.5) ≈ 0.98
    }

    [Fact]
    public void KlGradientPassesAFiniteDifferenceCheckAndMatchesTheClosedForm()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(3);
        const double rho = 0.05;
        Tensor h = (torch.rand(new long[] { 8, 5 }, ScalarType.Float64) * 0.9 + 0.05).requires_grad_();
        Tensor penalty = SparsityPenalty.KlDivergence(h, rho);
        double[] autograd = Values(Autograd.Grad(penalty, h));

        double[] numeric = Gradient(x => Scalar(SparsityPenalty.KlDivergence(x, rho)), h.detach());
        Close(numeric, autograd, 1e-6, 1e-8);

        // ∂Ω/∂h_ij = (1/n)(−ρ/ρ̂_j + (1 − ρ)/(1 − ρ̂_j)), the same for every sample i.
        Tensor perUnit = SparsityPenalty.KlGradient(SparsityPenalty.MeanActivation(h.detach()), rho) / 8.0;
        Close(Values(perUnit.expand(8, 5)), autograd, 1e-10, 1e-12);
    }

    [Fact]
    public void KlGradientPushesUnitsTowardsTheTarget()
    {
        using var scope = torch.NewDisposeScope();
        double[] g = Values(SparsityPenalty.KlGradient(Tensor64(new[] { 0.01, 0.05, 0.5 }, 3), 0.05));
        Assert.True(g[0] < 0);                  // below ρ: gradient descent raises it
        Assert.Equal(0.0, g[1], 12);
        Assert.True(g[2] > 0);                  // above ρ: lowered
        Assert.Equal(-0.05 / 0.5 + 0.95 / 0.5, g[2], 12);
    }

    [Fact]
    public void L1IsTheMeanOverTheBatchOfEachCodesL1Norm()
    {
        using var scope = torch.NewDisposeScope();
        Tensor h = Tensor64(new[] { 1.0, -2.0, 0.5, 0.0 }, 2, 2);
        Assert.Equal(1.75, Scalar(SparsityPenalty.L1(h)), 12);   // (3 + 0.5) / 2
    }

    [Fact]
    public void BadArgumentsSayWhatIsWrong()
    {
        using var scope = torch.NewDisposeScope();
        Tensor h = torch.rand(4, 3);
        var rho = Assert.Throws<ArgumentOutOfRangeException>(() => SparsityPenalty.KlDivergence(h, 1.0));
        Assert.Contains("strictly between 0 and 1", rho.Message);
        var shape = Assert.Throws<ArgumentException>(() => SparsityPenalty.L1(torch.rand(4, 3, 2)));
        Assert.Contains("[n, k]", shape.Message);
    }
}
