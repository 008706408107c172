namespace GenCourse.Torch.Tests;

// The autograd contract as PyTorch users know it: vector-Jacobian products, accumulation into
// .grad, clearing it, no_grad, detach, and retain_graph.
public sealed partial class GradientTests
{
    [Fact]
    public void Backward_of_a_vector_with_an_explicit_gradient_is_a_vector_jacobian_product()
    {
        using var _ = torch.NewDisposeScope();
        // y_j = Σ_i W_ji x_i², so vᵀJ = 2x ⊙ (Wᵀv). With x = (1, −2, 3), W = [[1, 2, 0], [0, −1, 4]],
        // v = (2, −1): Wᵀv = (2, 5, −4) and x.grad = (4, −20, −24).
        Tensor x = Leaf(new[] { 1.0, -2.0, 3.0 }, 3);
        using Tensor w = torch.tensor(new[,] { { 1.0, 2.0, 0.0 }, { 0.0, -1.0, 4.0 } });
        using Tensor v = torch.tensor(new[] { 2.0, -1.0 });
        Tensor y = torch.matmul(w, x * x);
        y.backward(v);
        Assert.Equal(new[] { 4.0, -20.0, -24.0 }, x.grad!.ToArray<double>());
    }

    [Fact]
    public void Backward_of_a_vector_without_a_gradient_is_an_error()
    {
        using var _ = torch.NewDisposeScope();
        Tensor x = Normal(3);
        Tensor y = x * 2.0;
        var e = Assert.Throws<TorchException>(() => y.backward());
        Assert.Contains("scalar outputs", e.Message);
    }

    [Fact]
    public void Gradients_accumulate_across_backward_calls()
    {
        using var _ = torch.NewDisposeScope();
        Tensor x = Normal(4);
        (x * x).sum().backward();            // + 2x
        (x * 3.0).sum().backward();          // + 3
        using (torch.no_grad()) AssertClose(x * 2.0 + 3.0, x.grad!);
    }

    [Fact]
    public void Setting_grad_to_null_clears_it()
    {
        using var _ = torch.NewDisposeScope();
        Tensor x = Normal(3);
        Assert.Null(x.grad);
        (x * x).sum().backward();
        Assert.NotNull(x.grad);
        x.grad = null;
        Assert.Null(x.grad);
        // The next backward starts from nothing: exactly 5, not 2x + 5.
        (x * 5.0).sum().backward();
        Assert.Equal(new[] { 5.0, 5.0, 5.0 }, x.grad!.ToArray<double>());
    }

    [Fact]
    public void Autograd_grad_returns_gradients_without_touching_dot_grad()
    {
        using var _ = torch.NewDisposeScope();
        Tensor x = Normal(3);
        Tensor g = torch.autograd.grad((x * x).sum(), x);
        using (torch.no_grad()) AssertClose(x * 2.0, g);
        Assert.Null(x.grad);
    }

    [Fact]
    public void No_grad_records_nothing_and_restores_the_mode()
    {
        using var _ = torch.NewDisposeScope();
        Tensor x = Normal(3);
        Assert.True(torch.is_grad_enabled());
        Tensor y;
        using (torch.no_grad())
        {
            Assert.False(torch.is_grad_enabled());
            y = x * 2.0 + x.exp();
            using (torch.enable_grad())
            {
                using Tensor z = x * 2.0;
                Assert.True(z.requires_grad);
            }
            Assert.False(torch.is_grad_enabled());
        }
        Assert.True(torch.is_grad_enabled());
        Assert.False(y.requires_grad);
        Assert.True(y.is_leaf);
        var e = Assert.Throws<TorchException>(() => y.sum().backward());
        Assert.Contains("does not require grad", e.Message);
    }

    [Fact]
    public void Detach_stops_the_gradient()
    {
        using var _ = torch.NewDisposeScope();
        Tensor x = Normal(4);
        Tensor d = x.detach();
        Assert.False(d.requires_grad);
        // f = Σ x·sg(x): only the first factor is differentiated, so ∇f = x (not 2x).
        (x * d).sum().backward();
        using (torch.no_grad()) AssertClose(x, x.grad!);
        // The detached tensor shares storage: writing through it changes x.
        using (torch.no_grad()) d.mul_(0.0);
        Assert.All(x.detach().ToArray<double>(), value => Assert.Equal(0.0, value));
    }

    [Fact]
    public void A_second_backward_needs_retain_graph()
    {
        using var _ = torch.NewDisposeScope();
        Tensor x = Normal(3);
        Tensor y = x.exp().sum();
        y.backward();
        var e = Assert.Throws<TorchException>(() => y.backward());
        Assert.Contains("backward through the graph a second time", e.Message);
        Assert.Contains("retain_graph", e.Message);

        // With retain_graph the graph survives the first pass and the second accumulates again.
        Tensor x2 = Normal(3);
        Tensor y2 = x2.exp().sum();
        y2.backward(retain_graph: true);
        y2.backward();
        using (torch.no_grad()) AssertClose(x2.exp() * 2.0, x2.grad!);
    }
}
