using System.Globalization;
using GenCourse.Torch.Interop;

namespace GenCourse.Torch.Modules;

/// <summary>
/// Batch normalisation (Ioffe &amp; Szegedy 2015, arXiv:1502.03167), the shared part of
/// <see cref="BatchNorm1d"/> and <see cref="BatchNorm2d"/> (PyTorch's <c>_BatchNorm</c>).
/// y = (x − μ)/√(σ² + ε)·γ + β per channel. In training μ, σ² are the batch's (biased σ²) and
/// the running statistics move towards them: running ← (1 − momentum)·running + momentum·batch,
/// where the batch variance fed to running_var is the unbiased one (n/(n − 1)·σ²). With
/// momentum null the running statistics are the cumulative average (momentum = 1/num_batches_tracked).
/// In evaluation the running statistics are used.
/// </summary>
public abstract class BatchNorm : nn.Module<Tensor, Tensor>
{
    private static readonly Op AddInt = new("aten::add_", "Scalar");

    protected BatchNorm(long num_features, double eps, double? momentum, bool affine, bool track_running_stats, Device? device, ScalarType? dtype)
    {
        if (num_features <= 0) throw new ArgumentOutOfRangeException(nameof(num_features), num_features, $"{GetType().Name} needs num_features >= 1");
        if (eps <= 0) throw new ArgumentOutOfRangeException(nameof(eps), eps, "eps must be > 0");
        if (momentum is double m && (m < 0 || m > 1)) throw new ArgumentOutOfRangeException(nameof(momentum), m, "momentum must be in [0, 1] (or null for a cumulative average)");
        this.num_features = num_features;
        this.eps = eps;
        this.momentum = momentum;
        this.affine = affine;
        this.track_running_stats = track_running_stats;
        long[] c = { num_features };
        if (affine)
        {
            weight = RegisterParameter("weight", torch.ones(c, dtype, device));
            bias = RegisterParameter("bias", torch.zeros(c, dtype, device));
        }
        if (track_running_stats)
        {
            running_mean = RegisterBuffer("running_mean", torch.zeros(c, dtype, device));
            running_var = RegisterBuffer("running_var", torch.ones(c, dtype, device));
            num_batches_tracked = RegisterBuffer("num_batches_tracked", torch.zeros(Array.Empty<long>(), ScalarType.Int64, device));
        }
    }

    public long num_features { get; }
    public double eps { get; }
    /// <summary>Weight of the newest batch in the running statistics (null: cumulative average).</summary>
    public double? momentum { get; }
    public bool affine { get; }
    public bool track_running_stats { get; }
    /// <summary>γ [C] (ones at start), or null without affine.</summary>
    public Tensor? weight { get; }
    /// <summary>β [C] (zeros at start), or null without affine.</summary>
    public Tensor? bias { get; }
    /// <summary>Running mean [C] (zeros at start).</summary>
    public Tensor? running_mean { get; }
    /// <summary>Running unbiased variance [C] (ones at start).</summary>
    public Tensor? running_var { get; }
    /// <summary>Training batches seen (an int64 scalar).</summary>
    public Tensor? num_batches_tracked { get; }

    /// <summary>Throws unless the input has a rank this layer accepts.</summary>
    protected abstract void CheckInputDim(Tensor input);

    public override Tensor forward(Tensor input)
    {
        CheckInputDim(input);
        long[] s = input.shape;
        if (s[1] != num_features)
            throw new ArgumentException($"{GetType().Name} was built for {num_features} channels but the input has {s[1]} (shape [{string.Join(", ", s)}])", nameof(input));
        if (training)
        {
            long perChannel = s[0];
            for (int d = 2; d < s.Length; ++d) perChannel *= s[d];
            if (perChannel <= 1)
                throw new ArgumentException($"{GetType().Name} in training mode needs more than 1 value per channel to compute a variance, got input shape [{string.Join(", ", s)}]; use a larger batch or call eval()", nameof(input));
        }

        double factor = momentum ?? 0.0;
        if (training && track_running_stats)
        {
            using (torch.no_grad()) AddInt.CallInPlace(num_batches_tracked!, 1L, 1L);
            if (momentum is null) factor = 1.0 / num_batches_tracked!.item<long>();
        }
        bool useBatchStats = training || running_mean is null;
        // In training without tracked statistics no running buffers are passed (nothing to update).
        Tensor? mean = !training || track_running_stats ? running_mean : null;
        Tensor? var = !training || track_running_stats ? running_var : null;
        return nn.functional.batch_norm(input, mean, var, weight, bias, useBatchStats, factor, eps);
    }

    protected override string extra_repr()
    {
        string m = momentum is double v ? PyFormat.Float(v) : "None";
        return string.Create(CultureInfo.InvariantCulture,
            $"{num_features}, eps={PyFormat.Float(eps)}, momentum={m}, affine={PyFormat.Bool(affine)}, track_running_stats={PyFormat.Bool(track_running_stats)}");
    }
}
