using GenCourse.Torch.Optimizers;
using static GenCourse.Torch.Tests.Nn.NnTestUtil;
using static GenCourse.Torch.Tests.Optim.OptimTestUtil;

namespace GenCourse.Torch.Tests.Optim;

public class OptimSgdTests
{
    // θ₀ = (1, −2), g₁ = (0.5, 1), g₂ = (−1, 2), lr = 0.1 throughout.

    [Fact]
    public void PlainStepIsThetaMinusLrTimesGradient()
    {
        using Tensor p = Param(1, -2);
        using SGD opt = optim.SGD(new[] { p }, lr: 0.1);
        SetGrad(p, 0.5, 1);
        opt.step();
        Close(new[] { 0.95, -2.1 }, p, 1e-15);
        Assert.True(p.is_leaf && p.requires_grad);
    }

    [Fact]
    public void MomentumAccumulatesThePreviousDirection()
    {
        using Tensor p = Param(1, -2);
        using SGD opt = optim.SGD(new[] { p }, lr: 0.1, momentum: 0.9);
        SetGrad(p, 0.5, 1);
        opt.step();                                   // b₁ = g₁ → θ₁ = (0.95, −2.1)
        Close(new[] { 0.95, -2.1 }, p, 1e-15);
        SetGrad(p, -1, 2);
        opt.step();                                   // b₂ = 0.9·g₁ + g₂ = (−0.55, 2.9) → θ₂ = θ₁ − 0.1·b₂
        Close(new[] { 1.005, -2.39 }, p, 1e-15);
        Close(new[] { -0.55, 2.9 }, opt.state[p]["momentum_buffer"]!, 1e-15);
        Assert.Equal(2, opt.state[p].step);
    }

    [Fact]
    public void NesterovStepsAlongGradientPlusMomentumTimesBuffer()
    {
        using Tensor p = Param(1, -2);
        using SGD opt = optim.SGD(new[] { p }, lr: 0.1, momentum: 0.9, nesterov: true);
        SetGrad(p, 0.5, 1);
        opt.step();                                   // d = g₁ + 0.9·g₁ = (0.95, 1.9) → θ₁ = (0.905, −2.19)
        Close(new[] { 0.905, -2.19 }, p, 1e-15);
        SetGrad(p, -1, 2);
        opt.step();                                   // b = (−0.55, 2.9); d = g₂ + 0.9·b = (−1.495, 4.61)
        Close(new[] { 0.905 + 0.1495, -2.19 - 0.461 }, p, 1e-15);
    }

    [Fact]
    public void DampeningScalesTheNewGradientInTheBuffer()
    {
        using Tensor p = Param(1, -2);
        using SGD opt = optim.SGD(new[] { p }, lr: 0.1, momentum: 0.9, dampening: 0.5);
        SetGrad(p, 0.5, 1);
        opt.step();                                   // the first buffer is g₁ itself (no dampening)
        SetGrad(p, -1, 2);
        opt.step();                                   // b₂ = 0.9·g₁ + 0.5·g₂ = (−0.05, 1.9)
        Close(new[] { 0.95 + 0.005, -2.1 - 0.19 }, p, 1e-15);
    }

    [Fact]
    public void WeightDecayAddsLambdaThetaToTheGradient()
    {
        using Tensor p = Param(1, -2);
        using SGD opt = optim.SGD(new[] { p }, lr: 0.1, weight_decay: 0.1);
        SetGrad(p, 0.5, 1);
        opt.step();                                   // g + λθ = (0.6, 0.8) → θ₁ = (0.94, −2.08)
        Close(new[] { 0.94, -2.08 }, p, 1e-15);
    }

    [Fact]
    public void MomentumDrivesAQuadraticToItsMinimum()
    {
        using Tensor theta = Param(0, 0);
        using SGD opt = optim.SGD(new[] { theta }, lr: 0.05, momentum: 0.9);
        Close(C, Minimise(theta, opt, 300), 1e-5);
    }

    [Fact]
    public void NesterovWithWeightDecayReachesTheRegularisedMinimum()
    {
        using Tensor theta = Param(0, 0);
        using SGD opt = optim.SGD(new[] { theta }, lr: 0.05, momentum: 0.9, nesterov: true, weight_decay: 0.5);
        // ∇(f + ½λ‖θ‖²) = a(θ − c) + λθ = 0 → θ* = a·c/(a + λ) = (3/1.5, −10/10.5)
        Close(new[] { 2.0, -10 / 10.5 }, Minimise(theta, opt, 300), 1e-5);
    }

    [Fact]
    public void ParametersWithoutGradientAreLeftAlone()
    {
        using Tensor p = Param(1, 2);
        using Tensor q = Param(3);
        using SGD opt = optim.SGD(new[] { p, q }, lr: 0.1, momentum: 0.9);
        SetGrad(p, 1, 1);
        opt.step();
        Close(new[] { 3.0 }, q, 0);
        Assert.False(opt.state.ContainsKey(q));
        Assert.True(opt.state.ContainsKey(p));
    }

    [Fact]
    public void ParamGroupsHaveTheirOwnLearningRates()
    {
        using Tensor p = Param(1);
        using Tensor q = Param(1);
        using SGD opt = optim.SGD(new[] { new optim.ParamGroup(new[] { p }), new optim.ParamGroup(new[] { q }, lr: 0.01) }, lr: 0.1);
        SetGrad(p, 1);
        SetGrad(q, 1);
        opt.step();
        Close(new[] { 0.9 }, p, 1e-15);
        Close(new[] { 0.99 }, q, 1e-15);
    }

    [Fact]
    public void ClearErrorsForBadSettings()
    {
        using Tensor p = Param(1);
        Assert.Contains("Nesterov", Assert.Throws<ArgumentException>(() => optim.SGD(new[] { p }, lr: 0.1, nesterov: true)).Message);
        Assert.Contains("empty parameter list", Assert.Throws<ArgumentException>(() => optim.SGD(Array.Empty<Tensor>(), lr: 0.1)).Message);
        Assert.Contains("twice", Assert.Throws<ArgumentException>(() => optim.SGD(new[] { p, p }, lr: 0.1)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => optim.SGD(new[] { p }, lr: -1));
        using Tensor computed = p * 2;
        Assert.Contains("non-leaf", Assert.Throws<ArgumentException>(() => optim.SGD(new[] { computed }, lr: 0.1)).Message);
    }
}
