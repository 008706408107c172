using static GenCourse.Torch.nn.functional;

namespace GenCourse.Torch.Tests;

// Reductions, normalisers over a dimension, matrix products and linear algebra.
public sealed partial class GradientTests
{
    [Theory]
    [InlineData("sum")]
    [InlineData("sum_dim")]
    [InlineData("sum_dims_keepdim")]
    [InlineData("mean")]
    [InlineData("mean_dims")]
    [InlineData("var")]
    [InlineData("var_dim_biased")]
    [InlineData("std")]
    [InlineData("std_dims")]
    [InlineData("norm2")]
    [InlineData("norm3_dim")]
    [InlineData("norm1")]
    [InlineData("logsumexp")]
    [InlineData("logsumexp_dims")]
    [InlineData("prod")]
    [InlineData("cumsum")]
    public void Reduction(string op)
    {
        using var _ = torch.NewDisposeScope();
        Func<Tensor, Tensor> f = op switch
        {
            "sum" => t => t.sum(),
            "sum_dim" => t => t.sum(1),
            "sum_dims_keepdim" => t => t.sum(new long[] { 0, 2 }, keepdim: true),
            "mean" => t => t.mean(),
            "mean_dims" => t => t.mean(new long[] { -1, 0 }),
            "var" => t => t.var(),
            "var_dim_biased" => t => t.var(2, unbiased: false, keepdim: true),
            "std" => t => t.std(),
            "std_dims" => t => t.std(new long[] { 1, 2 }),
            "norm2" => t => t.norm(),
            "norm3_dim" => t => t.norm(3, dim: 1),
            "norm1" => t => t.norm(1, new long[] { 0, 1 }),
            "logsumexp" => t => torch.logsumexp(t, 2),
            "logsumexp_dims" => t => t.logsumexp(new long[] { 0, 2 }, keepdim: true),
            "prod" => t => t.prod(),
            "cumsum" => t => t.cumsum(1),
            _ => throw new ArgumentException(op),
        };
        Tensor x;
        using (torch.no_grad())
        {
            using Tensor signs = torch.tensor(new[] { 1.0, -1.0, 1.0, -1.0 });
            x = (Uniform(0.4, 1.6, 2, 3, 4) * signs).requires_grad_();   // mixed signs, |x| ≥ 0.4 (norm1's kink is 0)
        }
        GradCheck.Assert(f, x);
    }

    [Fact]
    public void Max_along_a_dimension_routes_the_gradient_to_the_argmax()
    {
        using var _ = torch.NewDisposeScope();
        // A shuffled ramp: distinct values 0.1 apart, so ±eps never changes the argmax.
        Tensor x;
        using (torch.no_grad())
        {
            using Tensor perm = torch.randperm(12, generator: gen);
            x = (perm.to(torch.float64) * 0.1).view(3, 4).requires_grad_();
        }
        GradCheck.Assert(t => t.max(1).values + t.max() * 2.0 + t.min(0).values.sum(), x);
    }

    [Fact]
    public void Softmax_and_log_softmax()
    {
        using var _ = torch.NewDisposeScope();
        Tensor x = Normal(3, 5);
        GradCheck.Assert(t => softmax(t, 1), x);
        GradCheck.Assert(t => softmax(t, 0), x);
        GradCheck.Assert(t => log_softmax(t, -1), x);
        // Large logits: the stable kernels must not overflow in exp.
        GradCheck.Assert(t => log_softmax(t * 300.0, 1) + softmax(t * 300.0, 1), Uniform(-1, 1, 2, 4));
    }

    [Fact]
    public void Matmul_broadcasts_batch_dimensions()
    {
        using var _ = torch.NewDisposeScope();
        // [2,3,4] @ [4,5] → [2,3,5]: the shared right operand collects both batches' gradients.
        GradCheck.Assert(x => torch.matmul(x[0], x[1]), Normal(2, 3, 4), Normal(4, 5));
        // [4] @ [2,4,3] → [2,3] (vector promoted to a row, then squeezed).
        GradCheck.Assert(x => torch.matmul(x[0], x[1]), Normal(4), Normal(2, 4, 3));
    }

    [Fact]
    public void Mm_bmm_and_einsum()
    {
        using var _ = torch.NewDisposeScope();
        GradCheck.Assert(x => torch.mm(x[0], x[1]), Normal(3, 4), Normal(4, 2));
        GradCheck.Assert(x => torch.bmm(x[0], x[1]), Normal(2, 3, 4), Normal(2, 4, 2));
        GradCheck.Assert(x => torch.einsum("bij,jk->bik", x[0], x[1]), Normal(2, 2, 3), Normal(3, 2));
    }

    [Fact]
    public void Cdist_between_point_sets()
    {
        using var _ = torch.NewDisposeScope();
        // ∂‖a − b‖/∂a = (a − b)/‖a − b‖: defined as long as no two points coincide (random ones do not).
        GradCheck.Assert(x => torch.cdist(x[0], x[1]), Normal(4, 3), Normal(5, 3));
        GradCheck.Assert(x => torch.cdist(x[0], x[1]), Normal(2, 3, 2), Normal(2, 4, 2));
        GradCheck.Assert(x => torch.cdist(x[0], x[1], p: 1.5), Normal(3, 2), Normal(2, 2));
    }

    [Fact]
    public void Eigh_eigenvalues_of_a_symmetric_matrix()
    {
        using var _ = torch.NewDisposeScope();
        // For distinct eigenvalues λ_k with unit eigenvectors q_k: ∂λ_k/∂S = q_k q_kᵀ. A diagonal
        // of 1, 3, 5, 7 plus small noise keeps the eigenvalues well apart. f symmetrises A first,
        // since eigh reads only one triangle.
        Tensor a;
        using (torch.no_grad())
        {
            using Tensor d = torch.tensor(new[] { 1.0, 3.0, 5.0, 7.0 });
            using Tensor noise = torch.randn(new long[] { 4, 4 }, torch.float64, generator: gen);
            a = (torch.eye(4, dtype: torch.float64) * d + noise * 0.3).requires_grad_();
        }
        GradCheck.Assert(t => torch.linalg.eigh((t + t.T) * 0.5).eigenvalues, a);
    }
}
