using System.Globalization;

namespace GenCourse.Gan;

/// <summary>
/// One epoch of a <see cref="GanTrainer"/>: the means over its steps (weighted by batch size) of
/// the <see cref="GanStepResult"/> figures, with the number of steps and the wall-clock seconds.
/// A GAN's losses do not fall steadily as a single model's do: L_D near 2 log 2 and D(x), D(G(z))
/// near ½ mean neither player is winning; L_D → 0 means D wins and G's gradient signal fades.
/// </summary>
public sealed record GanEpochRecord(int Epoch, double LossD, double LossG, double DReal, double DFake, long Steps, double Seconds)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture,
            $"epoch {Epoch + 1}: L_D {LossD:F3}, L_G {LossG:F3}, D(x) {DReal:F3}, D(G(z)) {DFake:F3}, {Steps} steps, {Seconds:F1} s");
}
