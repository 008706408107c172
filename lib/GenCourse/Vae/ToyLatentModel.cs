using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using GenCourse.Engine;

namespace GenCourse.Vae;

/// <summary>
/// A latent-variable model with a 1-D latent, small enough that log p(x) can be computed by
/// quadrature, to check the VAE identities numerically:
/// <code>
/// p(z) = N(z; 0, 1),   p(x | z) = N(x; a z² + b z, σ_x²),   p(x) = ∫ p(x | z) p(z) dz
/// </code>
/// The decoder mean a z² + b z is not invertible, so for x &gt; 0 the posterior p(z | x) has two
/// modes (near the two roots of a z² + b z = x) that a single Gaussian q(z) cannot both cover:
/// the ELBO's gap KL(q ‖ p(z | x)) stays positive, and the importance-weighted bound closes it
/// as k grows. Everything is float64 on the CPU.
/// </summary>
public sealed class ToyLatentModel
{
    private static readonly double Log2Pi = Math.Log(2 * Math.PI);

    /// <param name="a">coefficient of z² in the decoder mean</param>
    /// <param name="b">coefficient of z in the decoder mean</param>
    /// <param name="sigmaX">the decoder's standard deviation σ_x</param>
    /// <param name="zMax">the quadrature grid covers z ∈ [−zMax, zMax]</param>
    /// <param name="gridPoints">points of the quadrature grid</param>
    public ToyLatentModel(double a = 1.0, double b = 0.5, double sigmaX = 0.5, double zMax = 12, int gridPoints = 48_001)
    {
        if (!(sigmaX > 0)) throw new ArgumentOutOfRangeException(nameof(sigmaX), sigmaX, "σ_x must be positive");
        if (!(zMax > 0)) throw new ArgumentOutOfRangeException(nameof(zMax), zMax, "zMax must be positive");
        if (gridPoints < 3) throw new ArgumentOutOfRangeException(nameof(gridPoints), gridPoints, "the grid needs at least 3 points");
        A = a;
        B = b;
        SigmaX = sigmaX;
        ZMax = zMax;
        GridPoints = gridPoints;
    }

    public double A { get; }
    public double B { get; }
    public double SigmaX { get; }
    public double ZMax { get; }
    public int GridPoints { get; }

    /// <summary>The spacing Δz of the quadrature grid.</summary>
    public double GridStep => 2 * ZMax / (GridPoints - 1);

    /// <summary>The quadrature grid z_i = −zMax + iΔz, [GridPoints] float64.</summary>
    public Tensor Grid() => torch.linspace(-ZMax, ZMax, GridPoints, ScalarType.Float64);

    /// <summary>
    /// log p(x, z) = log N(x; a z² + b z, σ_x²) + log N(z; 0, 1), elementwise over <paramref name="z"/>.
    /// </summary>
    public Tensor LogJoint(double x, Tensor z)
    {
        ArgumentNullException.ThrowIfNull(z);
        using (torch.NewDisposeScope())
        {
            Tensor mean = z.square() * A + z * B;
            Tensor logPxz = (x - mean).square() * (-0.5 / (SigmaX * SigmaX)) - (0.5 * Log2Pi + Math.Log(SigmaX));
            Tensor logPz = z.square() * -0.5 - 0.5 * Log2Pi;
            return (logPxz + logPz).MoveToOuterDisposeScope();
        }
    }

    /// <summary>
    /// log p(x) = log ∫ p(x, z) dz by the rectangle rule on the grid, in log space:
    /// log Σ_i exp(log p(x, z_i)) + log Δz. The integrand is smooth and decays like a Gaussian,
    /// for which this rule converges faster than any power of Δz.
    /// </summary>
    public double LogMarginal(double x)
    {
        using (torch.NewDisposeScope())
            return (LogJoint(x, Grid()).logsumexp(0) + Math.Log(GridStep)).ToDouble();
    }

    /// <summary>The posterior density p(z | x) = p(x, z) / p(x) on the grid, [GridPoints].</summary>
    public Tensor Posterior(double x)
    {
        double logPx = LogMarginal(x);
        using (torch.NewDisposeScope())
            return (LogJoint(x, Grid()) - logPx).exp().MoveToOuterDisposeScope();
    }

    /// <summary>
    /// ELBO(q) = E_q[log p(x, z)] + H[q] for q = N(μ, σ²), by quadrature in the standardised
    /// variable t = (z − μ)/σ (so the rule fits q however narrow), with the entropy in closed
    /// form H[q] = ½(1 + log 2π + log σ²). <paramref name="mu"/> and <paramref name="logVar"/> are
    /// 0-d float64 tensors; the result is differentiable in both (used by <see cref="FitGaussian"/>).
    /// </summary>
    public Tensor Elbo(double x, Tensor mu, Tensor logVar)
    {
        ArgumentNullException.ThrowIfNull(mu);
        ArgumentNullException.ThrowIfNull(logVar);
        using (torch.NewDisposeScope())
        {
            const int points = 4001;
            const double tMax = 10;
            double dt = 2 * tMax / (points - 1);
            Tensor t = torch.linspace(-tMax, tMax, points, ScalarType.Float64);
            Tensor phi = (t.square() * -0.5 - 0.5 * Log2Pi).exp();         // N(t; 0, 1)
            Tensor z = mu + (logVar * 0.5).exp() * t;
            Tensor expectedLogJoint = (phi * LogJoint(x, z)).sum() * dt;
            Tensor entropy = (logVar + 1.0 + Log2Pi) * 0.5;
            return (expectedLogJoint + entropy).MoveToOuterDisposeScope();
        }
    }

    /// <summary>ELBO for numbers μ, log σ².</summary>
    public double Elbo(double x, double mu, double logVar)
    {
        using (torch.NewDisposeScope())
            return Elbo(x, torch.tensor(mu, ScalarType.Float64), torch.tensor(logVar, ScalarType.Float64)).ToDouble();
    }

    /// <summary>
    /// KL(q ‖ p(z | x)) = Σ_i q(z_i) [log q(z_i) − log p(z_i | x)] Δz on the fixed grid, with the
    /// posterior normalised by the quadrature log p(x). Computed independently of <see cref="Elbo(double, double, double)"/>
    /// (another grid), so log p(x) = ELBO + KL holds only as far as both quadratures are accurate.
    /// </summary>
    public double KlToPosterior(double x, double mu, double logVar)
    {
        double logPx = LogMarginal(x);
        using (torch.NewDisposeScope())
        {
            Tensor z = Grid();
            Tensor logQ = (z - mu).square() * (-0.5 * Math.Exp(-logVar)) - 0.5 * (Log2Pi + logVar);
            Tensor logPost = LogJoint(x, z) - logPx;
            return ((logQ.exp() * (logQ - logPost)).sum() * GridStep).ToDouble();
        }
    }

    /// <summary>
    /// The Gaussian q(z) = N(μ, σ²) that maximises the ELBO for <paramref name="x"/> (the best an
    /// encoder could output for this x), by Adam on the quadrature ELBO from μ = <paramref name="initialMu"/>,
    /// log σ² = 0. With a two-mode posterior it settles on one mode: the one the start is nearer.
    /// Returns μ and log σ² as [1, 1] float64 tensors, the shape a one-image encoder gives.
    /// </summary>
    public DiagonalGaussian FitGaussian(double x, double initialMu = 0.5, int steps = 400, double lr = 0.05)
    {
        if (steps < 1) throw new ArgumentOutOfRangeException(nameof(steps), steps, "take at least one step");
        var mu = new Parameter(torch.tensor(initialMu, ScalarType.Float64));
        var logVar = new Parameter(torch.tensor(0.0, ScalarType.Float64));
        try
        {
            using var opt = optim.Adam([mu, logVar], lr: lr);
            for (int step = 0; step < steps; ++step)
                using (torch.NewDisposeScope())
                {
                    opt.zero_grad();
                    Tensor loss = -Elbo(x, mu, logVar);
                    loss.backward();
                    opt.step();
                    TrainingMemory.AfterStep(step);
                }
            using (torch.NewDisposeScope())
                return new DiagonalGaussian(mu.detach().reshape(1, 1).MoveToOuterDisposeScope(), logVar.detach().reshape(1, 1).MoveToOuterDisposeScope());
        }
        finally
        {
            mu.Dispose();
            logVar.Dispose();
        }
    }

    /// <summary>
    /// The Gaussian with the posterior's own mean and variance, E[z | x] and Var[z | x] (by
    /// quadrature): it covers both modes, the opposite choice to <see cref="FitGaussian"/>. Its
    /// ELBO is lower, but as an importance-sampling proposal it is far better: the
    /// importance-weighted bound needs samples from every mode of the posterior.
    /// [1, 1] float64 tensors.
    /// </summary>
    public DiagonalGaussian MomentMatchedGaussian(double x)
    {
        using (torch.NewDisposeScope())
        {
            Tensor z = Grid();
            Tensor w = Posterior(x) * GridStep;
            Tensor mean = (w * z).sum();
            Tensor variance = (w * (z - mean).square()).sum();
            return new DiagonalGaussian(mean.reshape(1, 1).MoveToOuterDisposeScope(), variance.log().reshape(1, 1).MoveToOuterDisposeScope());
        }
    }

    /// <summary>
    /// The model as <see cref="ImportanceSampling.LogLikelihood(DiagonalGaussian, Func{Tensor, Tensor}, int, int, Generator?)"/>
    /// wants it, for one data point x: z [S, 1, 1] ↦ log p(x, z) [S, 1].
    /// </summary>
    public Func<Tensor, Tensor> LogJointOf(double x) => z =>
    {
        using Tensor joint = LogJoint(x, z);
        return joint.squeeze(-1);
    };
}
