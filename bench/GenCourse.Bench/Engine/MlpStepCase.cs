using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace GenCourse.Bench.Engine;

/// <summary>
/// A 784-512-784 MLP autoencoder step on a batch of 128: ReLU hidden layer, BCE-with-logits
/// reconstruction of the input, Adam. Mostly two GEMMs each way, plus ~30 small ops.
/// </summary>
public sealed class MlpStepCase : TrainStepCase
{
    private readonly Parameter w1, b1, w2, b2;
    private readonly Tensor x;

    public MlpStepCase()
    {
        torch.manual_seed(Seed);
        w1 = UniformFanIn([512, 784], 784);
        b1 = UniformFanIn([512], 784);
        w2 = UniformFanIn([784, 512], 512);
        b2 = UniformFanIn([784], 512);
        x = torch.rand(128, 784);
        Train(w1, b1, w2, b2);
    }

    public override string Name => "mlp_step";

    // ℓ = BCE(σ(W₂ relu(W₁x + b₁) + b₂), x)
    protected override Tensor Loss()
    {
        Tensor h = F.relu(F.linear(x, w1, b1));
        return F.binary_cross_entropy_with_logits(F.linear(h, w2, b2), x);
    }

    protected override void DisposeData() => x.Dispose();
}
