using GenCourse.Torch.Optimizers;
using static GenCourse.Torch.Tests.Nn.NnTestUtil;
using static GenCourse.Torch.Tests.Optim.OptimTestUtil;

namespace GenCourse.Torch.Tests.Optim;

public class OptimAdamTests
{
    [Fact]
    public void FirstStepMovesEachCoordinateByLrInTheGradientsDirection()
    {
        // t = 1: m = (1 − β₁)g, v = (1 − β₂)g² → m̂ = g, v̂ = g², so θ₁ = θ₀ − lr·g/(|g| + ε)
        using Tensor p = Param(1, -2);
        using Adam opt = optim.Adam(new[] { p }, lr: 0.1);
        SetGrad(p, 0.5, -4);
        opt.step();
        Close(new[] { 1 - 0.1 * 0.5 / (0.5 + 1e-8), -2 + 0.1 * 4 / (4 + 1e-8) }, p, 1e-15);
        Close(new[] { 0.05, -0.4 }, opt.state[p]["exp_avg"]!, 1e-15);             // 0.1·g
        Close(new[] { 0.00025, 0.016 }, opt.state[p]["exp_avg_sq"]!, 1e-15);      // 0.001·g²
    }

    [Fact]
    public void SecondStepUsesBiasCorrectedMoments()
    {
        using Tensor p = Param(1, -2);
        using Adam opt = optim.Adam(new[] { p }, lr: 0.1);
        SetGrad(p, 0.5, -4);
        opt.step();
        SetGrad(p, -1, 2);
        opt.step();
        // coordinate 0 by hand: m₂ = 0.9·0.05 + 0.1·(−1) = −0.055, v₂ = 0.999·0.00025 + 0.001·1 = 0.00124975,
        // m̂ = −0.055/(1 − 0.81) = −0.28947…, v̂ = 0.00124975/(1 − 0.998001) = 0.62518…
        double m0 = -0.055 / 0.19, v0 = 0.00124975 / 0.001999;
        // coordinate 1: m₂ = 0.9·(−0.4) + 0.2 = −0.16, v₂ = 0.999·0.016 + 0.004 = 0.019984
        double m1 = -0.16 / 0.19, v1 = 0.019984 / 0.001999;
        double theta0 = 1 - 0.1 * 0.5 / (0.5 + 1e-8), theta1 = -2 + 0.1 * 4 / (4 + 1e-8);
        Close(new[] { theta0 - 0.1 * m0 / (Math.Sqrt(v0) + 1e-8), theta1 - 0.1 * m1 / (Math.Sqrt(v1) + 1e-8) }, p, 1e-12);
        Assert.Equal(0.93661, p.ToArray<double>()[0], 1e-5);   // 0.9 + 0.1·0.28947/0.79069: a smaller step than the first
    }

    [Fact]
    public void AmsgradKeepsTheLargestSecondMoment()
    {
        // g₁ = 10 then g₂ = 0.1: v₁ = 0.1, v₂ = 0.999·0.1 + 0.001·0.01 = 0.09991 < v₁
        double m2 = 0.9 * 1.0 + 0.1 * 0.1;                      // m₁ = 0.1·10 = 1
        double bc1 = 1 - 0.81, bc2 = 1 - 0.998001;
        double theta1 = 1 - 0.1 * 10 / (10 + 1e-8);
        double withMax = theta1 - 0.1 * (m2 / bc1) / (Math.Sqrt(0.1) / Math.Sqrt(bc2) + 1e-8);
        double without = theta1 - 0.1 * (m2 / bc1) / (Math.Sqrt(0.09991) / Math.Sqrt(bc2) + 1e-8);
        Assert.True(Math.Abs(withMax - without) > 1e-5);        // the cases differ measurably

        foreach ((bool ams, double expected) in new[] { (true, withMax), (false, without) })
        {
            using Tensor p = Param(1);
            using Adam opt = optim.Adam(new[] { p }, lr: 0.1, amsgrad: ams);
            SetGrad(p, 10);
            opt.step();
            SetGrad(p, 0.1);
            opt.step();
            Close(new[] { expected }, p, 1e-12);
            Assert.Equal(ams, opt.state[p]["max_exp_avg_sq"] is not null);
        }
    }

    [Fact]
    public void WeightDecayIsAnL2TermThroughTheMoments()
    {
        // g + λθ = 0.1 + 1·2 = 2.1 > 0, and the first step normalises it: θ₁ = 2 − lr
        using Tensor p = Param(2);
        using Adam opt = optim.Adam(new[] { p }, lr: 0.1, weight_decay: 1);
        SetGrad(p, 0.1);
        opt.step();
        Close(new[] { 2 - 0.1 * 2.1 / (2.1 + 1e-8) }, p, 1e-15);
        Close(new[] { 0.21 }, opt.state[p]["exp_avg"]!, 1e-15);    // the decay went into m
    }

    [Fact]
    public void CustomBetasAreUsed()
    {
        using Tensor p = Param(0);
        using Adam opt = optim.Adam(new[] { p }, lr: 1, betas: (0.5, 0.75));
        SetGrad(p, 2);
        opt.step();
        SetGrad(p, 4);
        opt.step();
        // m₂ = 0.5·1 + 0.5·4 = 2.5, v₂ = 0.75·1 + 0.25·16 = 4.75; m̂ = 2.5/0.75, v̂ = 4.75/0.4375
        double theta1 = -2 / (2 + 1e-8);
        Close(new[] { theta1 - (2.5 / 0.75) / (Math.Sqrt(4.75 / 0.4375) + 1e-8) }, p, 1e-12);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void DrivesAQuadraticToItsMinimum(bool amsgrad)
    {
        using Tensor theta = Param(0, 0);
        using Adam opt = optim.Adam(new[] { theta }, lr: 0.05, amsgrad: amsgrad);
        Close(C, Minimise(theta, opt, 1000), 1e-4);
    }

    [Fact]
    public void WithWeightDecayReachesTheRegularisedMinimum()
    {
        using Tensor theta = Param(0, 0);
        using Adam opt = optim.Adam(new[] { theta }, lr: 0.05, weight_decay: 0.5);
        Close(new[] { 2.0, -10 / 10.5 }, Minimise(theta, opt, 1500), 1e-4);      // a·c/(a + λ)
    }

    [Fact]
    public void RejectsBetasOutsideTheUnitInterval()
    {
        using Tensor p = Param(1);
        Assert.Throws<ArgumentOutOfRangeException>(() => optim.Adam(new[] { p }, betas: (1.0, 0.999)));
        Assert.Throws<ArgumentOutOfRangeException>(() => optim.Adam(new[] { p }, eps: -1));
    }
}
