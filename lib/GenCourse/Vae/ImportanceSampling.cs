using TorchSharp;
using static TorchSharp.torch;
using GenCourse.Engine;

namespace GenCourse.Vae;

/// <summary>
/// Importance-sampled estimates of log p(x), with the encoder as the proposal (Burda, Grosse and
/// Salakhutdinov 2015, "Importance Weighted Autoencoders", arXiv:1509.00519, eq. 8):
/// <code>
/// w_k = p_θ(x, z_k) / q_φ(z_k | x) = p_θ(x | z_k) p(z_k) / q_φ(z_k | x),   z_k ~ q_φ(z | x)
/// L_k(x) = E[log (1/k) Σ_{i=1..k} w_i] ≤ log p_θ(x)
/// </code>
/// L_1 is the ELBO, L_k grows with k (Theorem 1) and tends to log p_θ(x) as k → ∞. A single draw
/// of log (1/k) Σ w_i, with k in the thousands, is the usual "IS estimate" of log p(x) on test
/// data (k = 5000 in the IWAE paper). Weights are handled in log space with log-mean-exp, and the
/// k samples are drawn in passes of at most <c>maxRowsPerPass</c> decoder rows so that k = 5,000
/// fits in memory.
/// </summary>
public static class ImportanceSampling
{
    /// <summary>Decoder rows (samples × images) per pass by default: 16,384 MNIST images are 51 MB in float32.</summary>
    public const int DefaultRowsPerPass = 16_384;

    /// <summary>
    /// log((1/n) Σ_i exp(a_i)) along <paramref name="dim"/> = logsumexp(a) − log n, computed as
    /// m + log Σ exp(a_i − m) with m = max a so that nothing overflows.
    /// </summary>
    public static Tensor LogMeanExp(Tensor a, int dim)
    {
        ArgumentNullException.ThrowIfNull(a);
        long n = a.size(dim);
        using Tensor lse = a.logsumexp(dim);
        return lse - Math.Log(n);
    }

    /// <summary>
    /// log (1/k) Σ_i w_i for each of B data points, for any model given as
    /// <paramref name="logJoint"/>: z [S, B, D] ↦ log p(x_b, z_{s,b}) [S, B], with proposal
    /// <paramref name="q"/> (μ, log σ² [B, D]). Samples are drawn <paramref name="samplesPerPass"/>
    /// at a time from <paramref name="generator"/> (on q's device; global if null). Returns [B].
    /// With k = 1 this is the single-sample ELBO estimate log p(x, z) − log q(z | x).
    /// </summary>
    public static Tensor LogLikelihood(DiagonalGaussian q, Func<Tensor, Tensor> logJoint, int k, int samplesPerPass, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(q);
        ArgumentNullException.ThrowIfNull(logJoint);
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), k, "k, the number of importance samples, must be at least 1");
        if (samplesPerPass < 1) throw new ArgumentOutOfRangeException(nameof(samplesPerPass), samplesPerPass, "draw at least one sample per pass");
        long b = q.Mu.size(0), d = q.Dim;
        var passLse = new List<Tensor>();
        try
        {
            using (torch.NewDisposeScope())
            {
                Tensor sigma = q.Sigma();
                for (int done = 0; done < k; done += samplesPerPass)
                {
                    int s = Math.Min(samplesPerPass, k - done);
                    using (torch.NewDisposeScope())
                    {
                        Tensor eps = torch.randn(new[] { s, b, d }, q.Mu.dtype, q.Mu.device, generator: generator);
                        Tensor z = q.Mu + sigma * eps;                                      // [S, B, D]
                        Tensor logW = logJoint(z) - q.LogProb(z);                           // [S, B]
                        if (!logW.shape.SequenceEqual(new[] { (long)s, b }))
                            throw new ArgumentException($"logJoint must map z [{s}, {b}, {d}] to [{s}, {b}]; it returned [{string.Join(", ", logW.shape)}]", nameof(logJoint));
                        passLse.Add(logW.logsumexp(0).DetachFromDisposeScope());          // log Σ_{this pass} w
                    }
                }
            }
            // log (1/k) Σ_all w = logsumexp over passes of (log Σ_pass w) − log k
            using Tensor stacked = torch.stack(passLse.ToArray());
            using Tensor total = stacked.logsumexp(0);
            return total - Math.Log(k);
        }
        finally
        {
            foreach (Tensor t in passLse) t.Dispose();
        }
    }

    /// <summary>
    /// The k-sample importance estimate of log p_θ(x) for each image of <paramref name="x"/>
    /// [B, C, H, W] under <paramref name="vae"/>: log (1/k) Σ p_θ(x | z_i) p(z_i) / q_φ(z_i | x). [B].
    /// </summary>
    public static Tensor LogLikelihood(Vae vae, Tensor x, int k, Generator? generator = null, int maxRowsPerPass = DefaultRowsPerPass)
    {
        ArgumentNullException.ThrowIfNull(vae);
        ArgumentNullException.ThrowIfNull(x);
        if (maxRowsPerPass < 1) throw new ArgumentOutOfRangeException(nameof(maxRowsPerPass), maxRowsPerPass, "must be at least 1");
        long b = x.size(0);
        int samplesPerPass = (int)Math.Max(1, Math.Min(k, maxRowsPerPass / Math.Max(b, 1)));
        long[] imageShape = x.shape[1..];
        using (torch.NewDisposeScope())
        {
            DiagonalGaussian q = vae.Encode(x);
            Tensor LogJoint(Tensor z)
            {
                long s = z.size(0);
                Tensor recon = vae.Decode(z.reshape(s * b, vae.LatentDim));                  // [S·B, C, H, W]
                Tensor xs = x.unsqueeze(0).expand([s, .. x.shape]).reshape([s * b, .. imageShape]);
                Tensor logPxz = vae.ReconstructionLogLikelihood(recon, xs).view(s, b);    // [S, B]
                return logPxz + DiagonalGaussian.StandardLogProb(z);                      // + log p(z)
            }
            return LogLikelihood(q, LogJoint, k, samplesPerPass, generator).MoveToOuterDisposeScope();
        }
    }

    /// <summary>
    /// −log p(x) estimated with <paramref name="k"/> importance samples per image, averaged over
    /// <paramref name="images"/> [N, C, H, W] (already binarised if the model is), in batches of
    /// <paramref name="batchSize"/> on the model's device, without gradients. Also reports the
    /// single-sample −ELBO (k = 1) from one more draw per image. <paramref name="progress"/>
    /// receives the number of images done.
    /// </summary>
    public static LikelihoodEstimate Evaluate(Vae vae, Tensor images, int k, int batchSize = 100, Generator? generator = null,
        int maxRowsPerPass = DefaultRowsPerPass, IProgress<long>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(vae);
        ArgumentNullException.ThrowIfNull(images);
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "the batch size must be at least 1");
        long n = images.size(0);
        if (n == 0) throw new ArgumentException("there are no images to evaluate", nameof(images));
        Device device = vae.Device;
        double sum = 0, sumSq = 0, elboSum = 0;
        using (torch.no_grad())
        {
            for (long start = 0; start < n; start += batchSize)
            {
                using (torch.NewDisposeScope())
                {
                    long size = Math.Min(batchSize, n - start);
                    Tensor x = images.narrow(0, start, size).to(device);
                    double[] logPx = LogLikelihood(vae, x, k, generator, maxRowsPerPass).to(ScalarType.Float64).cpu().ToArray<double>();
                    foreach (double v in logPx)
                    {
                        sum += v;
                        sumSq += v * v;
                    }
                    elboSum += LogLikelihood(vae, x, 1, generator, maxRowsPerPass).to(ScalarType.Float64).sum().ToDouble();
                }
                progress?.Report(Math.Min(n, start + batchSize));
            }
        }
        double mean = sum / n;
        double variance = n > 1 ? Math.Max(0, (sumSq - n * mean * mean) / (n - 1)) : 0;
        double nll = -mean;
        long dims = images.shape[1..].Aggregate(1L, (a, c) => a * c);
        return new LikelihoodEstimate(nll, Math.Sqrt(variance / n), BitsPerDim(nll, dims), -elboSum / n, k, n);
    }

    /// <summary>
    /// Nats per image → bits per dimension: NLL / (D · ln 2), with D = C·H·W (784 for MNIST).
    /// </summary>
    public static double BitsPerDim(double nats, long dims)
    {
        if (dims < 1) throw new ArgumentOutOfRangeException(nameof(dims), dims, "the number of dimensions must be at least 1");
        return nats / (dims * Math.Log(2));
    }
}
