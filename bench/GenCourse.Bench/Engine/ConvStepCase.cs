using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace GenCourse.Bench.Engine;

/// <summary>
/// A small conv net step on [128, 1, 28, 28]: conv(1→32, 3, pad 1) + ReLU + max-pool 2,
/// conv(32→64, 3, pad 1) + ReLU + max-pool 2, flatten, linear(64·7·7 → 10), cross-entropy, Adam.
/// The time is in the convolution kernels; the binding's share is small.
/// </summary>
public sealed class ConvStepCase : TrainStepCase
{
    private readonly Parameter c1w, c1b, c2w, c2b, fcw, fcb;
    private readonly Tensor x;
    private readonly Tensor target;

    public ConvStepCase()
    {
        torch.manual_seed(Seed);
        c1w = UniformFanIn([32, 1, 3, 3], 9);
        c1b = UniformFanIn([32], 9);
        c2w = UniformFanIn([64, 32, 3, 3], 288);
        c2b = UniformFanIn([64], 288);
        fcw = UniformFanIn([10, 64 * 7 * 7], 64 * 7 * 7);
        fcb = UniformFanIn([10], 64 * 7 * 7);
        x = torch.rand(128, 1, 28, 28);
        target = torch.randint(0, 10, [128]);
        Train(c1w, c1b, c2w, c2b, fcw, fcb);
    }

    public override string Name => "conv_step";

    protected override Tensor Loss()
    {
        Tensor a = F.max_pool2d(F.relu(F.conv2d(x, c1w, c1b, padding: [1, 1])), [2, 2]);   // [128, 32, 14, 14]
        a = F.max_pool2d(F.relu(F.conv2d(a, c2w, c2b, padding: [1, 1])), [2, 2]);          // [128, 64, 7, 7]
        return F.cross_entropy(F.linear(a.flatten(1), fcw, fcb), target);               // [128, 3136] → [128, 10]
    }

    protected override void DisposeData()
    {
        x.Dispose();
        target.Dispose();
    }
}
