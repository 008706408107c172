using GenCourse.Torch.Modules;
using static GenCourse.Torch.Tests.Optim.OptimTestUtil;

namespace GenCourse.Torch.Tests.Optim;

/// <summary>Saving and restoring an optimizer (the Optimizer base class's state dict).</summary>
public class OptimStateDictTests
{
    private static Sequential NewModel()
    {
        torch.manual_seed(30);
        return nn.Sequential(nn.Linear(6, 8), nn.Tanh(), nn.Linear(8, 3));
    }

    private static void TrainSteps(Sequential model, optim.Optimizer opt, Tensor x, Tensor y, int steps)
    {
        for (int k = 0; k < steps; ++k)
        {
            using DisposeScope scope = torch.NewDisposeScope();
            opt.zero_grad();
            nn.functional.mse_loss(model.call(x), y).backward();
            opt.step();
        }
    }

    /// <summary>A deep copy of a state dict, as a checkpoint file would hold it.</summary>
    private static Dictionary<string, Tensor> Snapshot(StateDict sd) =>
        sd.ToDictionary(e => e.Key, e => e.Value.clone().DetachFromDisposeScope());

    public static TheoryData<string> Kinds => new() { "sgd", "nesterov", "adam", "amsgrad", "adamw" };

    private static optim.Optimizer Make(string kind, IEnumerable<Tensor> ps) => kind switch
    {
        "sgd" => optim.SGD(ps, lr: 0.05, momentum: 0.9, weight_decay: 1e-3),
        "nesterov" => optim.SGD(ps, lr: 0.05, momentum: 0.9, nesterov: true),
        "adam" => optim.Adam(ps, lr: 1e-2, weight_decay: 1e-3),
        "amsgrad" => optim.Adam(ps, lr: 1e-2, amsgrad: true),
        _ => optim.AdamW(ps, lr: 1e-2, betas: (0.8, 0.99)),
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void ResumingFromAStateDictEqualsUninterruptedTraining(string kind)
    {
        torch.manual_seed(31);
        using Tensor x = torch.randn(16, 6);
        using Tensor y = torch.randn(16, 3);

        using Sequential reference = NewModel();
        using optim.Optimizer referenceOpt = Make(kind, reference.parameters());
        TrainSteps(reference, referenceOpt, x, y, 10);

        Dictionary<string, Tensor> modelCheckpoint, optimizerCheckpoint;
        using (Sequential first = NewModel())
        using (optim.Optimizer firstOpt = Make(kind, first.parameters()))
        {
            TrainSteps(first, firstOpt, x, y, 5);
            using (StateDict m = first.state_dict()) modelCheckpoint = Snapshot(m);
            using (StateDict o = firstOpt.state_dict()) optimizerCheckpoint = Snapshot(o);
        }

        using Sequential resumed = NewModel();
        using (torch.no_grad())
            foreach (Tensor p in resumed.parameters()) p.mul_(0);        // nothing of the fresh init may survive
        resumed.load_state_dict(modelCheckpoint);
        using optim.Optimizer resumedOpt = Make(kind, resumed.parameters());
        resumedOpt.load_state_dict(optimizerCheckpoint);
        foreach (Tensor t in modelCheckpoint.Values.Concat(optimizerCheckpoint.Values)) t.Dispose();
        TrainSteps(resumed, resumedOpt, x, y, 5);

        foreach (((string name, Tensor expected), (_, Tensor actual)) in reference.named_parameters().Zip(resumed.named_parameters()))
            Assert.True(expected.ToArray<float>().SequenceEqual(actual.ToArray<float>()), $"{kind}: {name} differs after resuming");
    }

    [Fact]
    public void KeysFollowPyTorchsLayout()
    {
        using Tensor p = Param(1, 2);
        using Tensor q = Param(3);
        using var opt = optim.Adam(new[] { new optim.ParamGroup(new[] { p }), new optim.ParamGroup(new[] { q }, lr: 0.5) }, amsgrad: true);
        SetGrad(p, 1, 1);
        opt.step();
        using StateDict sd = opt.state_dict();
        Assert.Equal(new[]
        {
            "param_groups.0.lr", "param_groups.0.weight_decay", "param_groups.0.params",
            "param_groups.1.lr", "param_groups.1.weight_decay", "param_groups.1.params",
            "state.0.step", "state.0.exp_avg", "state.0.exp_avg_sq", "state.0.max_exp_avg_sq",
            "defaults.beta1", "defaults.beta2", "defaults.eps", "defaults.amsgrad",
        }, sd.Keys.ToArray());
        Assert.Equal(1L, sd["state.0.step"].item<long>());
        Assert.Equal(new long[] { 1 }, sd["param_groups.1.params"].ToArray<long>());    // q is parameter 1
        Assert.Equal(0.5, sd["param_groups.1.lr"].item<double>());
    }

    [Fact]
    public void LoadingRestoresLearningRatesAndSettings()
    {
        using Tensor p = Param(1);
        using var opt = optim.Adam(new[] { p }, lr: 0.1, betas: (0.5, 0.6), eps: 1e-3, amsgrad: true);
        opt.param_groups[0].lr = 0.025;                      // as a scheduler would have set it
        using StateDict sd = opt.state_dict();
        using Tensor p2 = Param(1);
        using var fresh = optim.Adam(new[] { p2 }, lr: 0.1);
        fresh.load_state_dict(sd);
        Assert.Equal(0.025, fresh.param_groups[0].lr);
        Assert.Equal((0.5, 0.6), fresh.betas);
        Assert.Equal(1e-3, fresh.eps);
        Assert.True(fresh.amsgrad);
    }

    [Fact]
    public void MismatchesAreClearErrorsAndChangeNothing()
    {
        using Tensor p = Param(1, 2);
        using var adam = optim.Adam(new[] { p });
        SetGrad(p, 1, 1);
        adam.step();
        using StateDict adamState = adam.state_dict();

        using Tensor q = Param(1, 2);
        using var sgd = optim.SGD(new[] { q }, lr: 0.1, momentum: 0.9);
        var wrongKind = Assert.Throws<ArgumentException>(() => sgd.load_state_dict(adamState));
        Assert.Contains("missing key \"defaults.momentum\"", wrongKind.Message);
        Assert.Contains("\"defaults.beta1\"", wrongKind.Message);
        Assert.Equal(0.1, sgd.param_groups[0].lr);

        using Tensor r = Param(1, 2, 3);
        using var other = optim.Adam(new[] { r });
        var wrongShape = Assert.Throws<ArgumentException>(() => other.load_state_dict(adamState));
        Assert.Contains("state.0.exp_avg has shape [2] but parameter 0 has shape [3]", wrongShape.Message);
        Assert.Empty(other.state);

        using Tensor s = Param(1, 2);
        using Tensor t = Param(1);
        using var twoGroups = optim.Adam(new[] { new optim.ParamGroup(new[] { s }), new optim.ParamGroup(new[] { t }) });
        Assert.Contains("missing key \"param_groups.1.lr\"", Assert.Throws<ArgumentException>(() => twoGroups.load_state_dict(adamState)).Message);
    }
}
