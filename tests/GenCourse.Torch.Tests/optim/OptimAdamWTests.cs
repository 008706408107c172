using GenCourse.Torch.Optimizers;
using static GenCourse.Torch.Tests.Nn.NnTestUtil;
using static GenCourse.Torch.Tests.Optim.OptimTestUtil;

namespace GenCourse.Torch.Tests.Optim;

/// <summary>
/// Decoupled weight decay (Loshchilov &amp; Hutter 2017): AdamW does θ ← θ − lr·(m̂/(√v̂ + ε) + λθ),
/// while Adam's L2 feeds g + λθ through the moments, where it is divided by √v̂.
/// </summary>
public class OptimAdamWTests
{
    [Fact]
    public void DecayIsAppliedOutsideTheMoments()
    {
        // θ₀ = 2, g = 0.1, λ = 1, lr = 0.1, first step (m̂/√v̂ = sign of what went in):
        //   Adam:  g + λθ = 2.1 → θ₁ = 2 − 0.1·1          = 1.9
        //   AdamW: θ₁ = 2 − 0.1·(g/|g| + λ·2) = 2 − 0.1·3 = 1.7
        // The difference is lr·λ·θ₀ = 0.2: Adam's normalisation swallows the decay term.
        using Tensor pw = Param(2);
        using AdamW adamW = optim.AdamW(new[] { pw }, lr: 0.1, weight_decay: 1);
        SetGrad(pw, 0.1);
        adamW.step();
        using Tensor pa = Param(2);
        using Adam adam = optim.Adam(new[] { pa }, lr: 0.1, weight_decay: 1);
        SetGrad(pa, 0.1);
        adam.step();

        Close(new[] { 2 * (1 - 0.1) - 0.1 * 0.1 / (0.1 + 1e-8) }, pw, 1e-15);
        Close(new[] { 2 - 0.1 * 2.1 / (2.1 + 1e-8) }, pa, 1e-15);
        Assert.Equal(-0.1 * 1 * 2, pw.ToArray<double>()[0] - pa.ToArray<double>()[0], 1e-7);
        Close(new[] { 0.01 }, adamW.state[pw]["exp_avg"]!, 1e-15);   // m saw only g
    }

    [Fact]
    public void WithZeroGradientTheWeightsShrinkGeometrically()
    {
        // g = 0: AdamW multiplies θ by (1 − lr·λ) each step; Adam's L2 term alone makes a full
        // normalised step of size lr towards 0, whatever λ is.
        using Tensor pw = Param(2, -3);
        using AdamW adamW = optim.AdamW(new[] { pw }, lr: 0.1, weight_decay: 0.01);
        using Tensor pa = Param(2, -3);
        using Adam adam = optim.Adam(new[] { pa }, lr: 0.1, weight_decay: 0.01);
        for (int k = 0; k < 3; ++k)
        {
            SetGrad(pw, 0, 0);
            adamW.step();
        }
        SetGrad(pa, 0, 0);
        adam.step();
        double shrink = Math.Pow(1 - 0.1 * 0.01, 3);
        Close(new[] { 2 * shrink, -3 * shrink }, pw, 1e-12);
        Close(new[] { 2 - 0.1 * 0.02 / (0.02 + 1e-8), -3 + 0.1 * 0.03 / (0.03 + 1e-8) }, pa, 1e-12);
    }

    [Fact]
    public void WithoutDecayItIsAdam()
    {
        using Tensor pw = Param(1, -2);
        using Tensor pa = Param(1, -2);
        using AdamW adamW = optim.AdamW(new[] { pw }, lr: 0.1, weight_decay: 0);
        using Adam adam = optim.Adam(new[] { pa }, lr: 0.1);
        foreach (double[] g in new[] { new[] { 0.5, -4.0 }, new[] { -1.0, 2.0 }, new[] { 3.0, 0.25 } })
        {
            SetGrad(pw, g);
            SetGrad(pa, g);
            adamW.step();
            adam.step();
        }
        Assert.Equal(pa.ToArray<double>(), pw.ToArray<double>());
    }

    [Fact]
    public void DefaultDecayIsOneHundredth()
    {
        using Tensor p = Param(1);
        using AdamW opt = optim.AdamW(new[] { p });
        Assert.Equal(0.01, opt.param_groups[0].weight_decay);
        Assert.Equal(1e-3, opt.param_groups[0].lr);
        Assert.Equal((0.9, 0.999), opt.betas);
    }

    [Fact]
    public void DrivesAQuadraticToItsMinimum()
    {
        using Tensor theta = Param(0, 0);
        using AdamW opt = optim.AdamW(new[] { theta }, lr: 0.05, weight_decay: 0, amsgrad: true);
        Close(C, Minimise(theta, opt, 1000), 1e-4);
    }
}
