using TorchSharp;
using static TorchSharp.torch;

namespace GenCourse.Autoencoders;

/// <summary>
/// Principal component analysis (Pearson 1901; Hotelling 1933), the linear reference for every
/// autoencoder in this chapter. For data x_1 … x_N ∈ ℝ^D:
/// <code>
///   μ = (1/N) Σ_n x_n,   C = (1/(N − 1)) Σ_n (x_n − μ)(x_n − μ)ᵀ = V Λ Vᵀ     (eigh, λ_1 ≥ … ≥ λ_D)
///   encode  z = V_kᵀ (x − μ),   decode  x̂ = μ + V_k z                        (V_k: the top-k eigenvectors)
/// </code>
/// Among all rank-k affine maps this reconstruction has the least squared error, and on the
/// fitted data that error is (1/N) Σ_n ‖x_n − x̂_n‖² = ((N − 1)/N) Σ_{j&gt;k} λ_j (Eckart and Young 1936).
/// Everything is computed in float64 on the data's device; results come back in the input's dtype.
/// </summary>
public sealed class Pca : IDisposable
{
    private const int ChunkRows = 8192;

    private Pca(Tensor mean, Tensor components, Tensor variances, double totalVariance, long[] sampleShape, long fittedCount)
    {
        Mean = mean.DetachFromDisposeScope();
        Components = components.DetachFromDisposeScope();
        Variances = variances.DetachFromDisposeScope();
        TotalVariance = totalVariance;
        SampleShape = sampleShape;
        FittedCount = fittedCount;
    }

    /// <summary>μ, the data mean, [D] float64.</summary>
    public Tensor Mean { get; }

    /// <summary>V_k, the top-k principal directions as orthonormal columns, [D, k] float64, largest variance first.</summary>
    public Tensor Components { get; }

    /// <summary>λ_1 ≥ … ≥ λ_k, the variance along each direction, [k] float64.</summary>
    public Tensor Variances { get; }

    /// <summary>tr C = Σ_j λ_j over all D directions.</summary>
    public double TotalVariance { get; }

    /// <summary>The shape of one sample (e.g. [1, 28, 28]).</summary>
    public long[] SampleShape { get; }

    /// <summary>N, the number of samples fitted.</summary>
    public long FittedCount { get; }

    /// <summary>k.</summary>
    public long ComponentCount => Components.size(1);

    /// <summary>D.</summary>
    public long InputSize => Components.size(0);

    /// <summary>The fraction of the total variance the k directions keep: Σ_{j≤k} λ_j / tr C.</summary>
    public double ExplainedVarianceRatio
    {
        get
        {
            using Tensor kept = Variances.sum();
            return kept.ToDouble() / TotalVariance;
        }
    }

    /// <summary>
    /// Fits the top <paramref name="components"/> directions of <paramref name="data"/> [N, …]
    /// (each sample flattened). The covariance is accumulated in chunks of rows, so a data set
    /// is never copied to float64 whole.
    /// </summary>
    public static Pca Fit(Tensor data, int components)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.dim() < 2)
            throw new ArgumentException($"PCA needs samples [N, …]; got shape [{string.Join(", ", data.shape)}]", nameof(data));
        long n = data.size(0);
        long d = data.numel() / Math.Max(n, 1);
        if (n < 2)
            throw new ArgumentException($"PCA needs at least 2 samples to estimate a covariance (got {n})", nameof(data));
        if (components < 1 || components > d)
            throw new ArgumentOutOfRangeException(nameof(components), components, $"the number of components must lie between 1 and D = {d}");
        using (torch.NewDisposeScope())
        using (torch.no_grad())
        {
            Tensor flat = data.flatten(1);                                            // [N, D]
            Tensor sum = torch.zeros(new[] { d }, ScalarType.Float64, data.device);
            for (long start = 0; start < n; start += ChunkRows)
                sum = sum + flat.narrow(0, start, Math.Min(ChunkRows, n - start)).to(ScalarType.Float64).sum(0L);
            Tensor mu = sum / (double)n;                                              // μ  [D]
            Tensor scatter = torch.zeros(new[] { d, d }, ScalarType.Float64, data.device);
            for (long start = 0; start < n; start += ChunkRows)
            {
                Tensor centred = flat.narrow(0, start, Math.Min(ChunkRows, n - start)).to(ScalarType.Float64) - mu;
                scatter = scatter + torch.mm(centred.t(), centred);                   // Σ (x − μ)(x − μ)ᵀ
            }
            Tensor covariance = scatter / (double)(n - 1);                            // C  [D, D]
            (Tensor eigenvalues, Tensor eigenvectors) = torch.linalg.eigh(covariance); // ascending
            double total = eigenvalues.sum().ToDouble();
            Tensor top = eigenvectors.narrow(1, d - components, components).flip(1).contiguous();   // [D, k], largest first
            Tensor variances = eigenvalues.narrow(0, d - components, components).flip(0).clamp(0.0, null).contiguous();
            return new Pca(mu, top, variances, total, data.shape[1..], n);
        }
    }

    /// <summary>z = V_kᵀ(x − μ) for samples <paramref name="x"/> [N, …]: [N, k] in x's dtype.</summary>
    public Tensor Encode(Tensor x)
    {
        CheckSamples(x);
        using (torch.NewDisposeScope())
        {
            Tensor centred = x.flatten(1).to(ScalarType.Float64) - Mean;
            return torch.mm(centred, Components).to(x.dtype).MoveToOuterDisposeScope();
        }
    }

    /// <summary>x̂ = μ + V_k z for codes <paramref name="z"/> [N, k]: [N, …] (the fitted sample shape) in z's dtype.</summary>
    public Tensor Decode(Tensor z)
    {
        ArgumentNullException.ThrowIfNull(z);
        if (z.dim() != 2 || z.size(1) != ComponentCount)
            throw new ArgumentException($"PCA codes must be [N, {ComponentCount}]; got shape [{string.Join(", ", z.shape)}]", nameof(z));
        using (torch.NewDisposeScope())
        {
            Tensor flat = torch.mm(z.to(ScalarType.Float64), Components.t()) + Mean;
            return flat.unflatten(1, SampleShape).to(z.dtype).MoveToOuterDisposeScope();
        }
    }

    /// <summary>The projection onto the principal subspace, x̂ = μ + V_k V_kᵀ (x − μ), shaped and typed like <paramref name="x"/>.</summary>
    public Tensor Reconstruct(Tensor x)
    {
        using (torch.NewDisposeScope())
            return Decode(Encode(x)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// (1/(N·D)) Σ_n ‖x_n − x̂_n‖², the mean squared error per value over <paramref name="x"/> [N, …],
    /// in float64, keeping the first <paramref name="components"/> directions (default: all k fitted),
    /// so one fit gives the error curve for every smaller code size.
    /// </summary>
    public double MsePerPixel(Tensor x, int? components = null)
    {
        CheckSamples(x);
        long kept = components ?? ComponentCount;
        if (kept < 0 || kept > ComponentCount)
            throw new ArgumentOutOfRangeException(nameof(components), components, $"this PCA has {ComponentCount} components; keep between 0 and {ComponentCount}");
        double sum = 0;
        long n = x.size(0);
        using (torch.NewDisposeScope())
        {
            Tensor v = Components.narrow(1, 0, kept);
            for (long start = 0; start < n; start += ChunkRows)
            {
                Tensor rows = x.narrow(0, start, Math.Min(ChunkRows, n - start)).flatten(1).to(ScalarType.Float64);
                Tensor centred = rows - Mean;
                Tensor residual = centred - torch.mm(torch.mm(centred, v), v.t());   // (I − V_k V_kᵀ)(x − μ)
                sum += residual.square().sum().ToDouble();
            }
        }
        return sum / (n * (double)InputSize);
    }

    private void CheckSamples(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.dim() < 2 || x.numel() != x.size(0) * InputSize)
            throw new ArgumentException($"this PCA was fitted on samples of {InputSize} values; got shape [{string.Join(", ", x.shape)}]", nameof(x));
    }

    public override string ToString() =>
        $"PCA: {ComponentCount} of {InputSize} directions, {ExplainedVarianceRatio:P1} of the variance, fitted on {FittedCount} samples";

    /// <summary>Frees μ, V_k and λ.</summary>
    public void Dispose()
    {
        Mean.Dispose();
        Components.Dispose();
        Variances.Dispose();
    }
}
