using System.Globalization;

namespace GenCourse.Vae;

/// <summary>
/// One training epoch of a <see cref="VaeTrainer"/>: the mean over its batches (weighted by batch
/// size) of the loss D + β·R, the reconstruction loss D = −log p(x | z) and the KL R, in nats per
/// sample, with the number of steps and the wall-clock seconds it took.
/// </summary>
public sealed record VaeEpochRecord(int Epoch, double Loss, double ReconstructionLoss, double Kl, long Steps, double Seconds)
{
    /// <summary>−ELBO = D + R on the training batches (one z per image).</summary>
    public double NegativeElbo => ReconstructionLoss + Kl;

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture,
            $"epoch {Epoch + 1}: loss {Loss:F2} = reconstruction {ReconstructionLoss:F2} + β·KL (KL {Kl:F2}), {Steps} steps, {Seconds:F1} s");
}
