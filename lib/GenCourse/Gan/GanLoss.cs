using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace GenCourse.Gan;

/// <summary>
/// The GAN losses (Goodfellow et al. 2014, "Generative Adversarial Nets", arXiv:1406.2661) from the
/// discriminator's logits l, with D = σ(l). The value function of the two-player game is (eq. 1)
/// <code>
/// min_G max_D V(D, G) = E_x[log D(x)] + E_z[log(1 − D(G(z)))]
/// </code>
/// Each loss is a binary cross-entropy with logits, BCE(l, y) = −y log σ(l) − (1 − y) log(1 − σ(l)),
/// which libtorch evaluates stably as max(l, 0) − l·y + log(1 + e^−|l|), so a confident logit of
/// ±100 gives a finite loss where log σ(l) in floating point would give −∞. Means run over the batch.
/// </summary>
public static class GanLoss
{
    /// <summary>
    /// The discriminator's loss, −V for D:
    /// <code>
    /// L_D = −mean log σ(l_real) − mean log(1 − σ(l_fake)) = BCE(l_real, 1) + BCE(l_fake, 0)
    /// ∂L_D/∂l_real,i = (σ(l_real,i) − 1)/B_real,   ∂L_D/∂l_fake,j = σ(l_fake,j)/B_fake
    /// </code>
    /// At l = 0 (D cannot tell) L_D = 2 log 2; D's optimum for fixed G gives L_D = 2 log 2 − 2·JSD(p_data ‖ p_g) (§4.1).
    /// </summary>
    public static Tensor Discriminator(Tensor realLogits, Tensor fakeLogits)
    {
        Check(realLogits, nameof(realLogits));
        Check(fakeLogits, nameof(fakeLogits));
        using Tensor ones = torch.ones_like(realLogits);
        using Tensor zeros = torch.zeros_like(fakeLogits);
        using Tensor real = F.binary_cross_entropy_with_logits(realLogits, ones);     // −mean log σ(l_real)
        using Tensor fake = F.binary_cross_entropy_with_logits(fakeLogits, zeros);    // −mean log(1 − σ(l_fake))
        return real + fake;
    }

    /// <summary>
    /// The generator's non-saturating loss (Goodfellow et al. 2014, §3: "rather than training G to
    /// minimize log(1 − D(G(z))) we can train G to maximize log D(G(z))"):
    /// <code>
    /// L_G = −mean log σ(l_fake) = BCE(l_fake, 1),   ∂L_G/∂l_j = (σ(l_j) − 1)/B
    /// </code>
    /// Its gradient is largest where D rejects the fakes (σ(l) ≈ 0), early in training. This is the loss DCGAN trains with.
    /// </summary>
    public static Tensor GeneratorNonSaturating(Tensor fakeLogits)
    {
        Check(fakeLogits, nameof(fakeLogits));
        using Tensor ones = torch.ones_like(fakeLogits);
        return F.binary_cross_entropy_with_logits(fakeLogits, ones);
    }

    /// <summary>
    /// The generator's minimax (saturating) loss, G's side of eq. 1:
    /// <code>
    /// L_G = mean log(1 − σ(l_fake)) = −BCE(l_fake, 0),   ∂L_G/∂l_j = −σ(l_j)/B
    /// </code>
    /// Its gradient vanishes where D confidently rejects the fakes (σ(l) → 0), which is why G learns
    /// slowly with it early on; kept to contrast with <see cref="GeneratorNonSaturating"/>.
    /// </summary>
    public static Tensor GeneratorSaturating(Tensor fakeLogits)
    {
        Check(fakeLogits, nameof(fakeLogits));
        using Tensor zeros = torch.zeros_like(fakeLogits);
        using Tensor bce = F.binary_cross_entropy_with_logits(fakeLogits, zeros);
        return -bce;
    }

    private static void Check(Tensor logits, string name)
    {
        ArgumentNullException.ThrowIfNull(logits, name);
        if (!logits.is_floating_point())
            throw new ArgumentException($"{name} must be floating-point logits, got {logits.dtype}", name);
        if (logits.numel() == 0)
            throw new ArgumentException($"{name} is empty (shape [{string.Join(", ", logits.shape)}]); a GAN loss is a mean over at least one logit", name);
    }
}
