using GenCourse.Torch.Modules;
using static GenCourse.Torch.Tests.Nn.NnTestUtil;

namespace GenCourse.Torch.Tests.Nn;

public class NnModelEmaTests
{
    [Fact]
    public void UpdateMovesTheAverageTowardsTheModel()
    {
        using var model = nn.Linear(2, 1).to(ScalarType.Float64);
        Set(model.weight, 1, 2);
        Set(model.bias!, 0);
        using var ema = new ModelEma<Linear>(model, nn.Linear(2, 1).to(ScalarType.Float64), decay: 0.9);
        Close(new[] { 1.0, 2.0 }, ema.module.weight, 0);                  // starts as a copy

        Set(model.weight, 3, -2);
        Set(model.bias!, 1);
        ema.update();
        // w ← 0.9·(1, 2) + 0.1·(3, −2) = (1.2, 1.6); b ← 0.9·0 + 0.1·1
        Close(new[] { 1.2, 1.6 }, ema.module.weight, 1e-12);
        Close(new[] { 0.1 }, ema.module.bias!, 1e-12);

        Set(model.weight, 0, 0);
        ema.update();
        // w ← 0.9·(1.2, 1.6) + 0.1·(0, 0); b ← 0.9·0.1 + 0.1·1
        Close(new[] { 1.08, 1.44 }, ema.module.weight, 1e-12);
        Close(new[] { 0.19 }, ema.module.bias!, 1e-12);
        Assert.Equal(2, ema.num_updates);
    }

    [Fact]
    public void WarmupUsesTheSmallerOfDecayAndOnePlusNOverTenPlusN()
    {
        using var model = nn.Linear(1, 1, bias: false).to(ScalarType.Float64);
        Set(model.weight, 0);
        using var ema = new ModelEma<Linear>(model, nn.Linear(1, 1, bias: false).to(ScalarType.Float64), decay: 0.99, warmup: true);
        Assert.Equal(0.1, ema.current_decay, 1e-15);                        // (1 + 0)/(10 + 0)
        Set(model.weight, 10);
        ema.update();                                                       // 0.1·0 + 0.9·10 = 9
        Close(new[] { 9.0 }, ema.module.weight, 1e-12);
        Assert.Equal(2.0 / 11, ema.current_decay, 1e-15);
        ema.update();                                                       // (2/11)·9 + (9/11)·10
        Close(new[] { 2.0 / 11 * 9 + 9.0 / 11 * 10 }, ema.module.weight, 1e-12);
    }

    [Fact]
    public void TheAverageIsFrozenInEvaluationModeAndBuffersAreCopied()
    {
        using var model = nn.Sequential(nn.Linear(2, 2), nn.BatchNorm1d(2));
        using var ema = new ModelEma<Sequential>(model, nn.Sequential(nn.Linear(2, 2), nn.BatchNorm1d(2)), decay: 0.5);
        Assert.False(ema.module.training);
        Assert.All(ema.module.parameters(), p => Assert.False(p.requires_grad));
        using (Tensor x = torch.tensor(new float[,] { { 1, 2 }, { 3, 5 } })) model.call(x).Dispose();
        ema.update();
        var bn = (BatchNorm1d)model[1];
        var emaBn = (BatchNorm1d)ema.module[1];
        Assert.Equal(bn.running_mean!.ToArray<float>(), emaBn.running_mean!.ToArray<float>());
        Assert.Equal(1L, emaBn.num_batches_tracked!.item<long>());
    }

    [Fact]
    public void RejectsTheModelItselfAndBadDecay()
    {
        using var model = nn.Linear(2, 1);
        Assert.Throws<ArgumentException>(() => new ModelEma<Linear>(model, model));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ModelEma<Linear>(model, nn.Linear(2, 1), decay: 1.5));
        Assert.Throws<ArgumentException>(() => new ModelEma<Linear>(model, nn.Linear(3, 1)));   // other shapes
    }
}
