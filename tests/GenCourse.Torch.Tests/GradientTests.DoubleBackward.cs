using static GenCourse.Torch.nn.functional;

namespace GenCourse.Torch.Tests;

// Double backward: differentiating a gradient, as gradient penalties (WGAN-GP, R1) and the
// contractive autoencoder's Jacobian penalty do.
public sealed partial class GradientTests
{
    [Fact]
    public void Gradient_of_a_gradient_norm_matches_the_closed_form()
    {
        using var _ = torch.NewDisposeScope();
        // f(x) = Σ x³ ⇒ g = ∇f = 3x², and ∇ₓ‖g‖² = ∇ₓ Σ 9x⁴ = 36x³.
        Tensor x = Normal(5);
        Tensor g = torch.autograd.grad(x.pow(3).sum(), x, create_graph: true);
        using (torch.no_grad()) AssertClose(x.pow(2) * 3.0, g);
        Assert.True(g.requires_grad);

        g.pow(2).sum().backward();
        using (torch.no_grad()) AssertClose(x.pow(3) * 36.0, x.grad!);
    }

    [Fact]
    public void Backward_with_create_graph_makes_grad_differentiable()
    {
        using var _ = torch.NewDisposeScope();
        // The same identity through Tensor.backward(create_graph: true) and .grad.
        Tensor x = Normal(4);
        x.pow(3).sum().backward(create_graph: true);
        Tensor g = x.grad!;
        Assert.True(g.requires_grad);
        x.grad = null;                       // so the second pass is not added to 3x²
        g.pow(2).sum().backward();
        using (torch.no_grad()) AssertClose(x.pow(3) * 36.0, x.grad!);
    }

    /// <summary>A small critic D(x) = w₂ᵀ tanh(W₁x + b₁) + b₂ for x ∈ ℝ², one output per row.</summary>
    private static Tensor Critic(Tensor x, Tensor w1, Tensor b1, Tensor w2, Tensor b2) =>
        linear(linear(x, w1, b1).tanh(), w2, b2);

    [Fact]
    public void Gradient_penalty_through_an_mlp_matches_finite_differences()
    {
        using var _ = torch.NewDisposeScope();
        // WGAN-GP: GP = mean_b (‖∇ₓ D(x_b)‖ − 1)². Its gradient in the weights and in x needs the
        // second derivatives of linear and tanh; compare it with finite differences of GP itself.
        Tensor x = Normal(3, 2), w1 = Normal(4, 2), b1 = Normal(4), w2 = Normal(1, 4), b2 = Normal(1);
        Tensor GradientPenalty(Tensor[] p)
        {
            Tensor d = Critic(p[0], p[1], p[2], p[3], p[4]);
            Tensor gx = torch.autograd.grad(d.sum(), p[0], create_graph: true);     // [B, 2]
            return (gx.norm(2, dim: 1) - 1.0).pow(2).mean();
        }
        // b₂ shifts D by a constant: its gradient is absent (allow_unused) and must read as 0.
        GradCheck.Assert(GradientPenalty, x, w1, b1, w2, b2);

        // The inner gradient itself against the chain rule: ∇ₓD = ((1 − tanh²(W₁x + b₁)) ⊙ w₂) W₁.
        Tensor gxAutograd = torch.autograd.grad(Critic(x, w1, b1, w2, b2).sum(), x);
        using (torch.no_grad())
        {
            Tensor h = linear(x, w1, b1).tanh();
            AssertClose(torch.matmul((1.0 - h * h) * w2, w1), gxAutograd);
        }
    }

    [Fact]
    public void Contractive_penalty_row_by_row_matches_the_closed_form()
    {
        using var _ = torch.NewDisposeScope();
        // h = σ(Wx + b): J_ji = ∂h_j/∂x_i = h_j(1 − h_j) W_ji, so ‖J‖²_F = Σ_j (h_j(1 − h_j))² Σ_i W_ji².
        Tensor x = Normal(2, 4), w = Normal(3, 4), b = Normal(3);
        Tensor ByAutograd(Tensor[] p)
        {
            Tensor h = linear(p[0], p[1], p[2]).sigmoid();                           // [B, 3]
            Tensor penalty = torch.zeros(new long[] { }, torch.float64);
            for (int j = 0; j < h.size(1); ++j)
            {
                // Samples are independent, so ∂(Σ_b h_bj)/∂x is row j of every sample's Jacobian.
                Tensor row = torch.autograd.grad(h[.., j].sum(), p[0], retain_graph: true, create_graph: true);
                penalty = penalty + row.pow(2).sum();
            }
            return penalty;
        }
        Tensor ClosedForm(Tensor[] p)
        {
            Tensor h = linear(p[0], p[1], p[2]).sigmoid();
            Tensor dh = h * (1.0 - h);                                                // [B, 3]
            return (dh.pow(2) * p[1].pow(2).sum(1)).sum();
        }

        Tensor[] inputs = { x, w, b };
        Tensor viaAutograd = ByAutograd(inputs);
        Tensor closed = ClosedForm(inputs);
        AssertClose(closed, viaAutograd);

        // Its gradient (double backward through sigmoid and linear) against the closed form's,
        // and against finite differences.
        Tensor?[] gAutograd = torch.autograd.grad(new[] { viaAutograd }, inputs);
        Tensor?[] gClosed = torch.autograd.grad(new[] { closed }, inputs);
        for (int k = 0; k < inputs.Length; ++k) AssertClose(gClosed[k]!, gAutograd[k]!);
        GradCheck.Assert(ByAutograd, x, w, b);
    }

    // Second derivatives of single ops: check x ↦ ∇ₓ⟨u, f(x)⟩ (a fixed random u) against finite differences.
    [Theory]
    [InlineData("tanh")]
    [InlineData("sigmoid")]
    [InlineData("softplus")]
    [InlineData("gelu")]
    [InlineData("silu")]
    [InlineData("log_softmax")]
    [InlineData("logsumexp")]
    [InlineData("norm")]
    [InlineData("layer_norm")]
    [InlineData("group_norm")]
    [InlineData("batch_norm")]
    [InlineData("conv2d")]
    [InlineData("conv_transpose2d")]
    [InlineData("bilinear")]
    [InlineData("bce_with_logits")]
    [InlineData("cross_entropy")]
    public void Second_derivative(string op)
    {
        using var _ = torch.NewDisposeScope();
        using Tensor labels = torch.tensor(new long[] { 2, 0 });
        (Func<Tensor[], Tensor> f, Tensor[] inputs) = op switch
        {
            "tanh" => (Of(t => t.tanh()), new[] { Normal(2, 3) }),
            "sigmoid" => (Of(t => t.sigmoid()), new[] { Normal(2, 3) }),
            "softplus" => (Of(t => softplus(t, beta: 1.5)), new[] { Normal(2, 3) }),
            "gelu" => (Of(t => gelu(t)), new[] { Normal(2, 3) }),
            "silu" => (Of(t => silu(t)), new[] { Normal(2, 3) }),
            "log_softmax" => (Of(t => log_softmax(t, 1)), new[] { Normal(2, 3) }),
            "logsumexp" => (Of(t => t.logsumexp(1)), new[] { Normal(2, 3) }),
            "norm" => (Of(t => t.norm(2, dim: 1)), new[] { Normal(2, 3) }),
            "layer_norm" => (xs => layer_norm(xs[0], new long[] { 3 }, xs[1], xs[2]), new[] { Normal(2, 3), Normal(3), Normal(3) }),
            "group_norm" => (xs => group_norm(xs[0], 2, xs[1], xs[2]), new[] { Normal(2, 4, 2, 1), Normal(4), Normal(4) }),
            "batch_norm" => (xs => batch_norm(xs[0], null, null, xs[1], xs[2], training: true), new[] { Normal(4, 2), Normal(2), Normal(2) }),
            "conv2d" => (xs => conv2d(xs[0], xs[1], stride: 2, padding: 1), new[] { Normal(1, 2, 4, 4), Normal(2, 2, 3, 3) }),
            "conv_transpose2d" => (xs => conv_transpose2d(xs[0], xs[1], stride: 2), new[] { Normal(1, 2, 2, 2), Normal(2, 1, 3, 3) }),
            "bilinear" => (Of(t => interpolate(t.pow(3), size: new long[] { 3, 5 }, mode: "bilinear")), new[] { Normal(1, 1, 2, 3) }),
            "bce_with_logits" => (xs => binary_cross_entropy_with_logits(xs[0], xs[1]), new[] { Normal(2, 3), Uniform(0, 1, 2, 3) }),
            "cross_entropy" => (Of(t => cross_entropy(t, labels)), new[] { Normal(2, 3) }),
            _ => throw new ArgumentException(op),
        };
        GradCheck.Assert(FirstDerivative(f, inputs), inputs);
    }

    private static Func<Tensor[], Tensor> Of(Func<Tensor, Tensor> f) => xs => f(xs[0]);

    /// <summary>
    /// xs ↦ (∇_{x₁}⟨u, f(xs)⟩, …, ∇_{x_k}⟨u, f(xs)⟩) flattened into one vector, with u fixed; the
    /// gradients are built with create_graph so that they can be differentiated again.
    /// </summary>
    private Func<Tensor[], Tensor> FirstDerivative(Func<Tensor[], Tensor> f, Tensor[] inputs)
    {
        Tensor u;
        using (torch.no_grad())
        {
            Tensor y = f(inputs);
            u = torch.randn(y.shape, torch.float64, generator: gen);
        }
        return xs =>
        {
            Tensor?[] grads = torch.autograd.grad(new[] { (f(xs) * u).sum() }, xs, create_graph: true, allow_unused: true);
            var flat = new Tensor[xs.Length];
            for (int k = 0; k < xs.Length; ++k) flat[k] = (grads[k] ?? torch.zeros_like(xs[k])).flatten();
            return torch.cat(flat);
        };
    }
}
