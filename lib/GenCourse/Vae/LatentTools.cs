using TorchSharp;
using static TorchSharp.torch;
using GenCourse.Engine;

namespace GenCourse.Vae;

/// <summary>
/// Looking at a VAE's latent space: paths between two codes (linear and spherical), the decoded
/// 2-D manifold (Kingma and Welling 2013, arXiv:1312.6114, Fig. 4), and a data set's encoder means.
/// </summary>
public static class LatentTools
{
    /// <summary>
    /// Linear interpolation z(t) = (1 − t)·z₀ + t·z₁ at t = 0, 1/(n−1), …, 1. <paramref name="z0"/>
    /// and <paramref name="z1"/> are [D]; the result is [n, D] on their device.
    /// </summary>
    public static Tensor Lerp(Tensor z0, Tensor z1, int steps)
    {
        CheckEnds(z0, z1, steps);
        using (torch.NewDisposeScope())
        {
            Tensor t = Fractions(steps, z0).unsqueeze(1);               // [n, 1]
            return (z0.unsqueeze(0) * (1.0 - t) + z1.unsqueeze(0) * t).MoveToOuterDisposeScope();
        }
    }

    /// <summary>
    /// Spherical interpolation (Shoemake 1985; for generative models White 2016, arXiv:1609.04468):
    /// <code>
    /// Ω = arccos(⟨z₀, z₁⟩ / (‖z₀‖ ‖z₁‖)),   z(t) = sin((1 − t)Ω)/sin Ω · z₀ + sin(tΩ)/sin Ω · z₁
    /// </code>
    /// Under a Gaussian prior most mass lies near the sphere of radius √D; the straight line
    /// between two codes passes closer to the origin (its midpoint has a smaller norm, a region the
    /// decoder rarely saw), while the arc keeps the norm in between. Falls back to
    /// <see cref="Lerp"/> when z₀ and z₁ are (anti)parallel, where sin Ω ≈ 0. [n, D].
    /// </summary>
    public static Tensor Slerp(Tensor z0, Tensor z1, int steps)
    {
        CheckEnds(z0, z1, steps);
        double[] a = Values(z0), b = Values(z1);
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.Length; ++i)
        {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        if (na == 0 || nb == 0) return Lerp(z0, z1, steps);
        double omega = Math.Acos(Math.Clamp(dot / Math.Sqrt(na * nb), -1.0, 1.0));
        double sinOmega = Math.Sin(omega);
        if (sinOmega < 1e-6) return Lerp(z0, z1, steps);
        var w0 = new double[steps];
        var w1 = new double[steps];
        for (int i = 0; i < steps; ++i)
        {
            double t = (double)i / (steps - 1);
            w0[i] = Math.Sin((1 - t) * omega) / sinOmega;
            w1[i] = Math.Sin(t * omega) / sinOmega;
        }
        using (torch.NewDisposeScope())
        {
            Tensor c0 = torch.tensor(w0, new long[] { steps, 1 }, z0.dtype, z0.device);
            Tensor c1 = torch.tensor(w1, new long[] { steps, 1 }, z0.dtype, z0.device);
            return (c0 * z0.unsqueeze(0) + c1 * z1.unsqueeze(0)).MoveToOuterDisposeScope();
        }
    }

    /// <summary>
    /// The standard normal quantile Φ⁻¹(p) for each p ∈ (0, 1), found by bisection on
    /// Φ(z) = ½(1 + erf(z/√2)) in float64 (to about 1e-12).
    /// </summary>
    public static double[] StandardNormalQuantiles(double[] p)
    {
        ArgumentNullException.ThrowIfNull(p);
        foreach (double v in p)
            if (!(v > 0 && v < 1)) throw new ArgumentOutOfRangeException(nameof(p), v, "quantiles need probabilities strictly between 0 and 1");
        if (p.Length == 0) return [];
        using (torch.NewDisposeScope())
        {
            Tensor target = torch.tensor(p, ScalarType.Float64);
            Tensor lo = torch.full(new long[] { p.Length }, -40.0, ScalarType.Float64);
            Tensor hi = torch.full(new long[] { p.Length }, 40.0, ScalarType.Float64);
            for (int iter = 0; iter < 100; ++iter)
            {
                Tensor mid = (lo + hi) * 0.5;
                Tensor cdf = ((mid / Math.Sqrt(2)).erf() + 1.0) * 0.5;
                Tensor below = cdf < target;
                lo = torch.where(below, mid, lo);
                hi = torch.where(below, hi, mid);
            }
            return ((lo + hi) * 0.5).ToArray<double>();
        }
    }

    /// <summary>
    /// An n × n grid of 2-D latents at z = (Φ⁻¹(u), Φ⁻¹(v)) for u, v evenly spaced in
    /// [<paramref name="margin"/>, 1 − <paramref name="margin"/>], so each cell covers equal prior
    /// mass (Kingma and Welling 2013, Fig. 4). Row-major [n·n, 2], first row at the largest z₂
    /// (the top of a picture), z₁ growing left to right; on <paramref name="device"/> (default CPU).
    /// </summary>
    public static Tensor GridLatents(int n, double margin = 0.05, Device? device = null)
    {
        if (n < 2) throw new ArgumentOutOfRangeException(nameof(n), n, "a grid needs at least 2 points a side");
        if (!(margin > 0 && margin < 0.5)) throw new ArgumentOutOfRangeException(nameof(margin), margin, "the margin is a probability in (0, 0.5)");
        var u = new double[n];
        for (int i = 0; i < n; ++i) u[i] = margin + (1 - 2 * margin) * i / (n - 1);
        double[] q = StandardNormalQuantiles(u);
        var grid = new float[n * n * 2];
        for (int row = 0; row < n; ++row)
            for (int col = 0; col < n; ++col)
            {
                grid[(row * n + col) * 2] = (float)q[col];
                grid[(row * n + col) * 2 + 1] = (float)q[n - 1 - row];
            }
        return torch.tensor(grid, new long[] { n * n, 2 }, device: device ?? CPU);
    }

    /// <summary>
    /// The decoded manifold of a VAE with a 2-D latent: the images of <see cref="GridLatents"/>,
    /// [n·n, C, H, W] in [0, 1], row-major as the grid (show them n per row).
    /// </summary>
    public static Tensor DecodeGrid(Vae vae, int n, double margin = 0.05)
    {
        ArgumentNullException.ThrowIfNull(vae);
        if (vae.LatentDim != 2)
            throw new ArgumentException($"the manifold grid needs a 2-D latent space; this VAE has {vae.LatentDim} dimensions (train one with LatentDim = 2)", nameof(vae));
        using Tensor z = GridLatents(n, margin, vae.Device);
        return vae.DecodeToImage(z);
    }

    /// <summary>
    /// The encoder means μ(x) of all <paramref name="images"/> [N, C, H, W], in batches on the
    /// model's device, without gradients. [N, D] on the images' device.
    /// </summary>
    public static Tensor EncodeMeans(Vae vae, Tensor images, int batchSize = 1000)
    {
        ArgumentNullException.ThrowIfNull(vae);
        ArgumentNullException.ThrowIfNull(images);
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "the batch size must be at least 1");
        long n = images.size(0);
        var parts = new List<Tensor>();
        try
        {
            using (torch.no_grad())
                for (long start = 0; start < n; start += batchSize)
                    using (torch.NewDisposeScope())
                    {
                        Tensor x = images.narrow(0, start, Math.Min(batchSize, n - start)).to(vae.Device);
                        parts.Add(vae.Encode(x).Mu.to(images.device).DetachFromDisposeScope());
                    }
            return torch.cat(parts.ToArray());
        }
        finally
        {
            foreach (Tensor t in parts) t.Dispose();
        }
    }

    /// <summary>
    /// The number of active latent units (Burda et al. 2015, arXiv:1509.00519, §5.2): unit u is
    /// active when its encoder mean varies across the data, A_u = Cov_x(E_q[z_u | x]) &gt; threshold
    /// (0.01 in the paper). An inactive unit has collapsed to the prior: q(z_u | x) ≈ N(0, 1) for
    /// every x, so it carries no information about x (posterior collapse). <paramref name="means"/>
    /// is [N, D], e.g. from <see cref="EncodeMeans"/>.
    /// </summary>
    public static int ActiveUnits(Tensor means, double threshold = 0.01)
    {
        ArgumentNullException.ThrowIfNull(means);
        if (means.dim() != 2 || means.size(0) < 2)
            throw new ArgumentException($"active units need encoder means [N, D] with N ≥ 2; got [{string.Join(", ", means.shape)}]", nameof(means));
        using Tensor variance = means.var(0);
        using Tensor cpu = variance.to(ScalarType.Float64, CPU);
        return cpu.ToArray<double>().Count(v => v > threshold);
    }

    /// <summary>
    /// Decoded images along the path between the encoder means of <paramref name="x0"/> and
    /// <paramref name="x1"/> (each [C, H, W]): linear, or spherical when <paramref name="spherical"/>.
    /// [n, C, H, W] in [0, 1]; the ends are the two reconstructions.
    /// </summary>
    public static Tensor Interpolate(Vae vae, Tensor x0, Tensor x1, int steps, bool spherical = false)
    {
        ArgumentNullException.ThrowIfNull(vae);
        ArgumentNullException.ThrowIfNull(x0);
        ArgumentNullException.ThrowIfNull(x1);
        using (torch.no_grad())
        using (torch.NewDisposeScope())
        {
            Tensor pair = torch.stack([x0, x1]).to(vae.Device);
            Tensor mu = vae.Encode(pair).Mu;
            Tensor path = spherical ? Slerp(mu[0], mu[1], steps) : Lerp(mu[0], mu[1], steps);
            return vae.DecodeToImage(path).MoveToOuterDisposeScope();
        }
    }

    // t = 0, 1/(n−1), …, 1
    private static Tensor Fractions(int steps, Tensor like) => torch.linspace(0, 1, steps, like.dtype, like.device);

    private static double[] Values(Tensor z)
    {
        using Tensor cpu = z.to(ScalarType.Float64, CPU);
        return cpu.ToArray<double>();
    }

    private static void CheckEnds(Tensor z0, Tensor z1, int steps)
    {
        ArgumentNullException.ThrowIfNull(z0);
        ArgumentNullException.ThrowIfNull(z1);
        if (z0.dim() != 1 || !z0.shape.SequenceEqual(z1.shape))
            throw new ArgumentException($"the two ends must be latent vectors [D] of the same size; got [{string.Join(", ", z0.shape)}] and [{string.Join(", ", z1.shape)}]");
        if (steps < 2) throw new ArgumentOutOfRangeException(nameof(steps), steps, "an interpolation needs at least 2 steps (the two ends)");
    }
}
