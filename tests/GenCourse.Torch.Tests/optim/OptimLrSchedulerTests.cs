using static GenCourse.Torch.Tests.Nn.NnTestUtil;
using static GenCourse.Torch.Tests.Optim.OptimTestUtil;

namespace GenCourse.Torch.Tests.Optim;

public class OptimLrSchedulerTests
{
    /// <summary>The learning rate of group 0 at construction and after each of <paramref name="steps"/> steps.</summary>
    private static double[] Trace(optim.lr_scheduler.LRScheduler sched, int steps)
    {
        var lrs = new List<double> { sched.optimizer.param_groups[0].lr };
        for (int k = 0; k < steps; ++k)
        {
            sched.step();
            lrs.Add(sched.optimizer.param_groups[0].lr);
        }
        return lrs.ToArray();
    }

    private static optim.Optimizer Opt(Tensor p, double lr = 1) => optim.SGD(new[] { p }, lr: lr);

    [Fact]
    public void StepLRMultipliesByGammaEveryStepSize()
    {
        using Tensor p = Param(0);
        using var opt = Opt(p);
        var sched = optim.lr_scheduler.StepLR(opt, step_size: 2, gamma: 0.5);
        Close(new[] { 1, 1, 0.5, 0.5, 0.25, 0.25 }, Trace(sched, 5), 1e-15);
    }

    [Fact]
    public void CosineAnnealingFollowsHalfACosine()
    {
        using Tensor p = Param(0);
        using var opt = Opt(p, lr: 1);
        var sched = optim.lr_scheduler.CosineAnnealingLR(opt, T_max: 4, eta_min: 0.1);
        // η_min + (1 − η_min)(1 + cos(πt/4))/2 at t = 0…4: cos = 1, √½, 0, −√½, −1
        double r = Math.Sqrt(0.5);
        Close(new[] { 1, 0.1 + 0.9 * (1 + r) / 2, 0.55, 0.1 + 0.9 * (1 - r) / 2, 0.1 }, Trace(sched, 4), 1e-15);
    }

    [Fact]
    public void LinearWarmUpRisesThenHolds()
    {
        using Tensor p = Param(0);
        using var opt = Opt(p, lr: 2);
        var sched = optim.lr_scheduler.LinearLR(opt, start_factor: 0.25, end_factor: 1, total_iters: 3);
        Close(new[] { 0.5, 1, 1.5, 2, 2, 2 }, Trace(sched, 5), 1e-15);
    }

    [Fact]
    public void WarmUpThenCosineRestartsTheSecondScheduleAtTheMilestone()
    {
        using Tensor p = Param(0);
        using var opt = Opt(p, lr: 1);
        var warm = optim.lr_scheduler.LinearLR(opt, start_factor: 0.5, total_iters: 2);
        var cosine = optim.lr_scheduler.CosineAnnealingLR(opt, T_max: 2);
        var sched = optim.lr_scheduler.SequentialLR(opt, new[] { warm, cosine }, new long[] { 2 });
        // t = 0, 1: 0.5, 0.75 (warm-up); t = 2, 3, 4: cosine at t' = 0, 1, 2 → 1, 0.5, 0
        Close(new[] { 0.5, 0.75, 1, 0.5, 0 }, Trace(sched, 4), 1e-15);
    }

    [Fact]
    public void OtherSchedules()
    {
        using Tensor p = Param(0);
        using var opt = Opt(p, lr: 1);
        Close(new[] { 1, 1, 0.1, 0.1, 0.01 }, Trace(optim.lr_scheduler.MultiStepLR(opt, new long[] { 4, 2 }), 4), 1e-15);
        using var opt2 = Opt(p, lr: 1);
        Close(new[] { 1, 0.5, 0.25 }, Trace(optim.lr_scheduler.ExponentialLR(opt2, 0.5), 2), 1e-15);
        using var opt3 = Opt(p, lr: 3);
        Close(new double[] { 0, 3, 6 }, Trace(optim.lr_scheduler.LambdaLR(opt3, t => t), 2), 1e-15);
    }

    [Fact]
    public void EachGroupScalesItsOwnBaseRate()
    {
        using Tensor p = Param(0);
        using Tensor q = Param(0);
        using var opt = optim.SGD(new[] { new optim.ParamGroup(new[] { p }), new optim.ParamGroup(new[] { q }, lr: 0.1) }, lr: 1);
        var sched = optim.lr_scheduler.StepLR(opt, 1, gamma: 0.5);
        sched.step();
        Close(new[] { 0.5, 0.05 }, sched.get_last_lr().ToArray(), 1e-15);
        Assert.Equal(new double[] { 1, 0.1 }, sched.base_lrs);
    }

    [Fact]
    public void ResumingRestoresTheStepAndTheRates()
    {
        using Tensor p = Param(0);
        using var opt = Opt(p, lr: 1);
        var sched = optim.lr_scheduler.CosineAnnealingLR(opt, T_max: 10);
        for (int k = 0; k < 3; ++k) sched.step();
        using StateDict sd = sched.state_dict();

        using var opt2 = Opt(p, lr: 1);
        var resumed = optim.lr_scheduler.CosineAnnealingLR(opt2, T_max: 10);
        resumed.load_state_dict(sd);
        Assert.Equal(3, resumed.last_epoch);
        Assert.Equal(opt.param_groups[0].lr, opt2.param_groups[0].lr);
        sched.step();
        resumed.step();
        Assert.Equal(opt.param_groups[0].lr, opt2.param_groups[0].lr);
        Assert.Equal(0.5 * (1 + Math.Cos(Math.PI * 4 / 10)), opt2.param_groups[0].lr, 1e-15);
    }

    [Fact]
    public void BadSettingsAreClearErrors()
    {
        using Tensor p = Param(0);
        using var opt = Opt(p);
        Assert.Throws<ArgumentOutOfRangeException>(() => optim.lr_scheduler.StepLR(opt, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => optim.lr_scheduler.LinearLR(opt, start_factor: 0));
        var a = optim.lr_scheduler.StepLR(opt, 1);
        Assert.Contains("one milestone fewer", Assert.Throws<ArgumentException>(() => optim.lr_scheduler.SequentialLR(opt, new[] { a }, new long[] { 3 })).Message);
    }
}
