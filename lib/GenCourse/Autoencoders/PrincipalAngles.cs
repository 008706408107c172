using TorchSharp;
using static TorchSharp.torch;
using GenCourse.Engine;

namespace GenCourse.Autoencoders;

/// <summary>
/// Principal angles between two subspaces of ℝ^D given by spanning columns A [D, p] and
/// B [D, q] (Björck and Golub 1973): 0 ≤ θ_1 ≤ … ≤ θ_m ≤ π/2, m = min(p, q). All zero means the
/// subspaces coincide (one contains the other); the largest angle is the distance that matters
/// when comparing a learned subspace with PCA's. Computed in float64 with eigh only:
/// <code>
///   Q_A = A (AᵀA)^(−1/2)                      orthonormal basis of span A (AᵀA = VΛVᵀ by eigh)
///   M   = Q_B − Q_A (Q_Aᵀ Q_B)                the part of Q_B outside span A   (q ≤ p)
///   sin² θ_i = eigenvalues of MᵀM              (= 1 − σ_i(Q_Aᵀ Q_B)²)
/// </code>
/// Going through the sines rather than the cosines σ_i keeps small angles accurate
/// (cos θ ≈ 1 − θ²/2 loses half the digits).
/// </summary>
public static class PrincipalAngles
{
    /// <summary>The principal angles between span(<paramref name="a"/>) and span(<paramref name="b"/>), in radians, smallest first.</summary>
    public static double[] Between(Tensor a, Tensor b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.dim() != 2 || b.dim() != 2 || a.size(0) != b.size(0))
            throw new ArgumentException($"principal angles need two matrices of spanning columns with the same number of rows, [D, p] and [D, q]; got [{string.Join(", ", a.shape)}] and [{string.Join(", ", b.shape)}]");
        if (b.size(1) > a.size(1)) (a, b) = (b, a);
        using (torch.NewDisposeScope())
        using (torch.no_grad())
        {
            Tensor qa = Orthonormalize(a, "the first");
            Tensor qb = Orthonormalize(b, "the second");
            Tensor m = qb - torch.mm(qa, torch.mm(qa.t(), qb));                       // (I − Q_A Q_Aᵀ) Q_B
            (Tensor sinSquared, _) = torch.linalg.eigh(torch.mm(m.t(), m));           // ascending
            return sinSquared.clamp(0.0, 1.0).sqrt().cpu().ToArray<double>().Select(Math.Asin).ToArray();
        }
    }

    /// <summary>The largest principal angle θ_max, in radians: 0 for equal subspaces, π/2 when some direction of one is orthogonal to the other.</summary>
    public static double Largest(Tensor a, Tensor b) => Between(a, b)[^1];

    /// <summary>Q = A V Λ^(−1/2) Vᵀ (AᵀA = VΛVᵀ): orthonormal columns spanning A, in float64.</summary>
    private static Tensor Orthonormalize(Tensor a, string which)
    {
        Tensor a64 = a.to(ScalarType.Float64);
        (Tensor lambda, Tensor v) = torch.linalg.eigh(torch.mm(a64.t(), a64));
        double smallest = lambda.min().ToDouble(), largest = lambda.max().ToDouble();
        if (!(smallest > largest * 1e-12) || largest <= 0)
            throw new ArgumentException($"{which} matrix's columns are (numerically) linearly dependent (eigenvalues of AᵀA from {smallest:G3} to {largest:G3}), so they do not span a {a.size(1)}-dimensional subspace; drop the redundant columns");
        return torch.mm(a64, torch.mm(v * lambda.rsqrt(), v.t()));
    }
}
