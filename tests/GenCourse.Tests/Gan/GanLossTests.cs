using GenCourse.Gan;

namespace GenCourse.Tests.Gan;

public class GanLossTests
{
    private static Tensor Logits(params double[] l) => torch.tensor(l, new long[] { l.Length });

    private static double Value(Tensor t)
    {
        using (t) return t.ToDouble();
    }

    // softplus(x) = log(1 + eˣ) = −log σ(−x) = −log(1 − σ(x))
    private static double Softplus(double x) => Math.Log(1 + Math.Exp(x));

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    [Fact]
    public void AtZeroLogitsTheLossesAreMultiplesOfLogTwo()
    {
        // σ(0) = ½: L_D = −log ½ − log ½ = 2 log 2, L_G = −log ½ = log 2, minimax log(1 − ½) = −log 2.
        using Tensor real = torch.zeros(new long[] { 6 }, ScalarType.Float64);
        using Tensor fake = torch.zeros(new long[] { 4 }, ScalarType.Float64);
        Assert.Equal(2 * Math.Log(2), Value(GanLoss.Discriminator(real, fake)), 12);
        Assert.Equal(Math.Log(2), Value(GanLoss.GeneratorNonSaturating(fake)), 12);
        Assert.Equal(-Math.Log(2), Value(GanLoss.GeneratorSaturating(fake)), 12);
    }

    [Fact]
    public void NonTrivialLogitsMatchTheHandComputedCrossEntropies()
    {
        // l_real = (2, −1), l_fake = (0.5, −3):
        // L_D = ½[softplus(−2) + softplus(1)] + ½[softplus(0.5) + softplus(−3)]
        //     = ½[0.126928 + 1.313262] + ½[0.974077 + 0.048587] = 1.231427
        // L_G = ½[softplus(−0.5) + softplus(3)] = 1.761332;  minimax: −½[softplus(0.5) + softplus(−3)] = −0.511332
        using Tensor real = Logits(2, -1);
        using Tensor fake = Logits(0.5, -3);
        double d = 0.5 * (Softplus(-2) + Softplus(1)) + 0.5 * (Softplus(0.5) + Softplus(-3));
        Assert.Equal(1.231427, d, 6);
        Assert.Equal(d, Value(GanLoss.Discriminator(real, fake)), 12);
        Assert.Equal(1.761332, Value(GanLoss.GeneratorNonSaturating(fake)), 6);
        Assert.Equal(-0.511332, Value(GanLoss.GeneratorSaturating(fake)), 6);
    }

    [Fact]
    public void ConfidentLogitsGiveFiniteLossesInFloat32()
    {
        // log σ(−100) = −100 − log(1 + e⁻¹⁰⁰) ≈ −100, where σ(−100) ≈ 3.7e-44 rounds to a denormal and
        // log(1 − σ(100)) = log 0 = −∞ in float32. The logit form stays exact.
        using Tensor high = torch.full(new long[] { 3 }, 100.0);
        using Tensor low = torch.full(new long[] { 3 }, -100.0);
        Assert.Equal(0, Value(GanLoss.Discriminator(high, low)), 6);     // D is right: no loss
        Assert.Equal(200, Value(GanLoss.Discriminator(low, high)), 3);   // D is confidently wrong on both
        Assert.Equal(100, Value(GanLoss.GeneratorNonSaturating(low)), 3);
        Assert.Equal(-100, Value(GanLoss.GeneratorSaturating(high)), 3);
    }

    [Fact]
    public void GradientsWithRespectToTheLogitsHaveTheirClosedForms()
    {
        // ∂L_D/∂l_real = (σ(l) − 1)/B_real, ∂L_D/∂l_fake = σ(l)/B_fake, ∂L_G/∂l = (σ(l) − 1)/B,
        // minimax ∂/∂l = −σ(l)/B. The two batches differ in size to catch a mean over the wrong one.
        double[] lr = { 1.5, -0.3, 0.0, 2.2, -4.0 }, lf = { -1.2, 0.7, 3.1 };
        using Tensor real = Logits(lr).requires_grad_();
        using Tensor fake = Logits(lf).requires_grad_();
        using (Tensor loss = GanLoss.Discriminator(real, fake)) loss.backward();
        using (Tensor g = real.grad!)
            Assert.All(lr.Zip(g.ToArray<double>()), p => Assert.Equal((Sigmoid(p.First) - 1) / 5, p.Second, 12));
        using (Tensor g = fake.grad!)
            Assert.All(lf.Zip(g.ToArray<double>()), p => Assert.Equal(Sigmoid(p.First) / 3, p.Second, 12));

        fake.grad = null;
        using (Tensor loss = GanLoss.GeneratorNonSaturating(fake)) loss.backward();
        using (Tensor g = fake.grad!)
            Assert.All(lf.Zip(g.ToArray<double>()), p => Assert.Equal((Sigmoid(p.First) - 1) / 3, p.Second, 12));

        fake.grad = null;
        using (Tensor loss = GanLoss.GeneratorSaturating(fake)) loss.backward();
        using (Tensor g = fake.grad!)
            Assert.All(lf.Zip(g.ToArray<double>()), p => Assert.Equal(-Sigmoid(p.First) / 3, p.Second, 12));
    }

    [Fact]
    public void TheSaturatingLossLosesItsGradientWhereDRejectsTheFakes()
    {
        // At l = −6 (D(G(z)) ≈ 0.0025): minimax |∂/∂l| = σ(−6) ≈ 0.0025, non-saturating |σ(−6) − 1| ≈ 0.9975,
        // the reason Goodfellow et al. train G with −log D(G(z)).
        using Tensor fake = Logits(-6).requires_grad_();
        using (Tensor loss = GanLoss.GeneratorSaturating(fake)) loss.backward();
        double saturating;
        using (Tensor g = fake.grad!) saturating = Math.Abs(g.ToDouble());
        fake.grad = null;
        using (Tensor loss = GanLoss.GeneratorNonSaturating(fake)) loss.backward();
        double nonSaturating;
        using (Tensor g = fake.grad!) nonSaturating = Math.Abs(g.ToDouble());
        Assert.Equal(0.002473, saturating, 6);
        Assert.Equal(0.997527, nonSaturating, 6);
    }

    [Fact]
    public void BadLogitsAreRejectedWithAReason()
    {
        using Tensor empty = torch.zeros(new long[] { 0 });
        using Tensor ints = torch.zeros(new long[] { 3 }, ScalarType.Int64);
        using Tensor ok = torch.zeros(new long[] { 3 });
        Assert.Contains("empty", Assert.Throws<ArgumentException>(() => GanLoss.Discriminator(ok, empty)).Message);
        Assert.Contains("floating-point", Assert.Throws<ArgumentException>(() => GanLoss.GeneratorNonSaturating(ints)).Message);
        Assert.Throws<ArgumentNullException>(() => GanLoss.GeneratorSaturating(null!));
    }
}
