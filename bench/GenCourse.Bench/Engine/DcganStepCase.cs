using GenCourse.Gan;
using TorchSharp;
using static TorchSharp.torch;

namespace GenCourse.Bench.Engine;

/// <summary>
/// One DCGAN training step with the course's GAN chapter code (lib/GenCourse/Gan): the default
/// <see cref="DcganGenerator"/> and <see cref="DcganDiscriminator"/> (nz = 100, c = 64, 1×28×28),
/// <see cref="DcganInit"/>, and <see cref="GanTrainer.TrainStep"/> on a fixed real batch of 128
/// (the PyTorch DCGAN tutorial's step: D on real and detached fakes, then G through the updated D),
/// with the paper's Adam (lr 2e-4, β = (0.5, 0.999)). Random draws, in order: G's default init and
/// weights_init, D's, the real batch U(−1, 1), then z ~ N(0, I) [128, 100] per step. The check is
/// L_D + L_G of the last step. The time is mostly oneDNN's (transposed) convolutions.
/// </summary>
public sealed class DcganStepCase : EngineCase, IStepCase
{
    private readonly DcganGenerator g;
    private readonly DcganDiscriminator d;
    private readonly GanTrainer trainer;
    private readonly Tensor real;
    private double check;

    public DcganStepCase()
    {
        torch.manual_seed(Seed);
        g = DcganInit.Apply(new DcganGenerator());
        d = DcganInit.Apply(new DcganDiscriminator());
        using (torch.NewDisposeScope())
            real = (torch.rand(128, 1, 28, 28) * 2 - 1).DetachFromDisposeScope();   // [128, 1, 28, 28] in [−1, 1]
        trainer = GanTrainer.WithPaperOptimizers(g, d);   // Adam lr 2e-4, β = (0.5, 0.999) for each
    }

    public override string Name => "dcgan_step";

    public override double Check => check;

    public override void RunOnce() => Step();

    public void Step()
    {
        GanStepResult r = trainer.TrainStep(real);
        check = r.LossD + r.LossG;
    }

    public override void Dispose()
    {
        trainer.Dispose();
        g.Dispose();
        d.Dispose();
        real.Dispose();
    }
}
