using GenCourse.Torch.Modules;
using GenCourse.Torch.Tests.Nn;

namespace GenCourse.Torch.Tests.Optim;

/// <summary>Optimizer steps and module lifetimes against the native live-tensor count.</summary>
[Collection(NnOptimLiveTensorCollection.Name)]
public class OptimMemoryTests
{
    private static void CollectGarbage()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    public static TheoryData<string> Kinds => new() { "sgd", "adam", "adamw" };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void AStepLeavesNoTensorsBehind(string kind)
    {
        torch.manual_seed(40);
        using Sequential model = nn.Sequential(nn.Linear(5, 7), nn.ReLU(), nn.Linear(7, 2));
        using optim.Optimizer opt = kind switch
        {
            "sgd" => optim.SGD(model.parameters(), lr: 0.1, momentum: 0.9, nesterov: true, weight_decay: 1e-2),
            "adam" => optim.Adam(model.parameters(), weight_decay: 1e-2, amsgrad: true),
            _ => optim.AdamW(model.parameters(), amsgrad: true),
        };
        using Tensor x = torch.randn(4, 5);
        using Tensor y = torch.randn(4, 2);
        void Backward()
        {
            using DisposeScope scope = torch.NewDisposeScope();
            opt.zero_grad();
            nn.functional.mse_loss(model.call(x), y).backward();
        }

        Backward();
        opt.step();                                    // warm-up: creates the state
        Backward();
        CollectGarbage();
        long before = torch.LiveTensorCount;
        opt.step();
        Assert.Equal(before, torch.LiveTensorCount);
        opt.zero_grad();
        Assert.Equal(before, torch.LiveTensorCount);
    }

    [Fact]
    public void DisposingAModuleAndItsOptimizerFreesEverything()
    {
        CollectGarbage();
        long baseline = torch.LiveTensorCount;
        using (Tensor x = torch.randn(3, 4))
        {
            var model = nn.Sequential(nn.Linear(4, 4), nn.BatchNorm1d(4), nn.Linear(4, 1));
            var opt = optim.Adam(model.parameters());
            for (int k = 0; k < 3; ++k)
            {
                using DisposeScope scope = torch.NewDisposeScope();
                opt.zero_grad();
                model.call(x).square().mean().backward();
                opt.step();
            }
            using (StateDict sd = opt.state_dict()) Assert.NotEmpty(sd);
            using (StateDict sd = model.state_dict()) Assert.Equal(9, sd.Count);
            opt.Dispose();
            model.Dispose();
        }
        Assert.Equal(baseline, torch.LiveTensorCount);
    }

    [Fact]
    public void CreatingAModuleInsideAScopeKeepsItsParameters()
    {
        CollectGarbage();
        long baseline = torch.LiveTensorCount;
        Linear layer;
        using (torch.NewDisposeScope()) layer = nn.Linear(3, 3);
        Assert.Equal(baseline + 2, torch.LiveTensorCount);        // weight and bias, nothing else
        layer.Dispose();
        Assert.Equal(baseline, torch.LiveTensorCount);
    }
}
