using System.Globalization;

namespace GenCourse.Vae;

/// <summary>
/// The ELBO over a whole data set (one z per image), in nats per sample:
/// <see cref="ReconstructionLoss"/> = −E_q[log p(x | z)], <see cref="Kl"/>, and
/// <see cref="NegativeElbo"/> = their sum, over <see cref="Count"/> images.
/// </summary>
public sealed record ElboSummary(double ReconstructionLoss, double Kl, double NegativeElbo, long Count)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"−ELBO {NegativeElbo:F2} nats (reconstruction {ReconstructionLoss:F2} + KL {Kl:F2}) over {Count} images");
}
