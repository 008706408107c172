using GenCourse.Torch.Interop;

namespace GenCourse.Torch;

// Functions that take several tensors: joining, selecting, matrix products, linalg.
public static partial class torch
{
    private static readonly Op Cat = new("aten::cat");
    private static readonly Op Stack = new("aten::stack");
    private static readonly Op WhereSelf = new("aten::where", "self");
    private static readonly Op Matmul = new("aten::matmul");
    private static readonly Op Mm = new("aten::mm");
    private static readonly Op Bmm = new("aten::bmm");
    private static readonly Op Cdist = new("aten::cdist");
    private static readonly Op Eigh = new("aten::linalg_eigh");
    private static readonly Op Einsum = new("aten::einsum");

    /// <summary>Joins tensors along an existing dimension.</summary>
    public static Tensor cat(Tensor[] tensors, int dim = 0) => Cat.Call(tensors, dim);
    /// <summary>Joins tensors along a new dimension.</summary>
    public static Tensor stack(Tensor[] tensors, int dim = 0) => Stack.Call(tensors, dim);
    /// <summary>Elementwise: x where condition, else y.</summary>
    public static Tensor where(Tensor condition, Tensor x, Tensor y) => WhereSelf.Call(condition, x, y);
    /// <summary>Matrix product with broadcasting over batch dimensions.</summary>
    public static Tensor matmul(Tensor a, Tensor b) => Matmul.Call(a, b);
    /// <summary>Product of two matrices.</summary>
    public static Tensor mm(Tensor a, Tensor b) => Mm.Call(a, b);
    /// <summary>Batched product of [B, n, m] and [B, m, p].</summary>
    public static Tensor bmm(Tensor a, Tensor b) => Bmm.Call(a, b);
    /// <summary>Pairwise p-norm distances between the rows of x1 [.., P, M] and x2 [.., R, M].</summary>
    public static Tensor cdist(Tensor x1, Tensor x2, double p = 2) => Cdist.Call(x1, x2, p, Arg.None);
    /// <summary>Einstein summation, e.g. <c>einsum("bij,bjk->bik", a, b)</c>.</summary>
    public static Tensor einsum(string equation, params Tensor[] operands) => Einsum.Call(equation, operands, Arg.None);

    public static Tensor exp(Tensor x) => x.exp();
    public static Tensor log(Tensor x) => x.log();
    public static Tensor sqrt(Tensor x) => x.sqrt();
    public static Tensor abs(Tensor x) => x.abs();
    public static Tensor sigmoid(Tensor x) => x.sigmoid();
    public static Tensor tanh(Tensor x) => x.tanh();
    public static Tensor sum(Tensor x) => x.sum();
    public static Tensor mean(Tensor x) => x.mean();
    public static Tensor maximum(Tensor a, Tensor b) => a.maximum(b);
    public static Tensor minimum(Tensor a, Tensor b) => a.minimum(b);
    public static Tensor clamp(Tensor x, double? min = null, double? max = null) => x.clamp(min, max);
    public static Tensor logsumexp(Tensor x, int dim, bool keepdim = false) => x.logsumexp(dim, keepdim);
    public static Tensor flatten(Tensor x, int start_dim = 0, int end_dim = -1) => x.flatten(start_dim, end_dim);

    /// <summary>PyTorch's <c>torch.linalg</c>.</summary>
    public static class linalg
    {
        /// <summary>
        /// Eigen-decomposition of a symmetric (Hermitian) matrix: eigenvalues in ascending order
        /// and the matching orthonormal eigenvectors as columns. Only the lower triangle is read.
        /// </summary>
        public static (Tensor eigenvalues, Tensor eigenvectors) eigh(Tensor a, string UPLO = "L") => Eigh.Call2(a, UPLO);

        /// <summary>The vector p-norm over all elements or the given dims.</summary>
        public static Tensor vector_norm(Tensor x, double ord = 2, long[]? dim = null, bool keepdim = false) => x.norm(ord, dim, keepdim);
    }
}
