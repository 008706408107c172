namespace GenCourse.Torch.Tests;

/// <summary>Grad-mode scopes (no_grad, enable_grad, set_grad_enabled) and torch.autograd.grad on closed forms.</summary>
public class TorchAutogradTests
{
    [Fact]
    public void NoGradStopsRecordingUntilTheScopeCloses()
    {
        using var scope = torch.NewDisposeScope();
        Tensor x = torch.ones(new long[] { 2 }, requires_grad: true);
        Assert.True(torch.is_grad_enabled());
        using (torch.no_grad())
        {
            Assert.False(torch.is_grad_enabled());
            Tensor y = x * 2;
            Assert.False(y.requires_grad);
            Assert.True(y.is_leaf);
        }
        Assert.True(torch.is_grad_enabled());
        Assert.True((x * 2).requires_grad);
    }

    [Fact]
    public void EnableGradReopensRecordingInsideNoGrad()
    {
        using var scope = torch.NewDisposeScope();
        Tensor x = torch.ones(new long[] { 2 }, requires_grad: true);
        using (torch.no_grad())
        {
            using (torch.enable_grad())
            {
                Assert.True(torch.is_grad_enabled());
                Assert.True((x * 2).requires_grad);
            }
            Assert.False(torch.is_grad_enabled());
            using (torch.set_grad_enabled(true)) Assert.True(torch.is_grad_enabled());
            Assert.False((x * 2).requires_grad);
        }
        using (torch.set_grad_enabled(false)) Assert.False(torch.is_grad_enabled());
        Assert.True(torch.is_grad_enabled());
    }

    [Fact]
    public void DisposingAGradScopeTwiceRestoresOnlyOnce()
    {
        var outer = torch.no_grad();
        var inner = torch.enable_grad();
        inner.Dispose();
        inner.Dispose();                     // must not re-enable anything a second time
        Assert.False(torch.is_grad_enabled());
        outer.Dispose();
        Assert.True(torch.is_grad_enabled());
    }

    [Fact]
    public void GradModeIsPerThread()
    {
        using (torch.no_grad())
        {
            bool other = false;
            var thread = new Thread(() => other = torch.is_grad_enabled());
            thread.Start();
            thread.Join();
            Assert.True(other);
            Assert.False(torch.is_grad_enabled());
        }
    }

    [Fact]
    public void AutogradGradReturnsGradientsWithoutAccumulating()
    {
        using var scope = torch.NewDisposeScope();
        // f = Σ x³ → ∂f/∂x = 3x², and with create_graph ∂/∂x Σ 3x² = 6x.
        Tensor x = torch.tensor(new double[] { 1, -2, 0.5 }, requires_grad: true);
        Tensor f = x.pow(3).sum();
        Tensor g = torch.autograd.grad(f, x, create_graph: true);
        Approx.Equal(new[] { 3.0, 12, 0.75 }, g, 1e-12);
        Assert.True(g.requires_grad);
        Assert.Null(x.grad);
        Tensor h = torch.autograd.grad(g.sum(), x);
        Approx.Equal(new[] { 6.0, -12, 3 }, h, 1e-12);
        // Several inputs; an unused one gives null with allow_unused.
        Tensor a = torch.tensor(new double[] { 2 }, requires_grad: true);
        Tensor b = torch.tensor(new double[] { 5 }, requires_grad: true);
        Tensor unused = torch.tensor(new double[] { 1 }, requires_grad: true);
        Tensor?[] grads = torch.autograd.grad(new[] { (a * b).sum() }, new[] { a, b, unused }, allow_unused: true);
        Approx.Equal(new[] { 5.0 }, grads[0]!, 1e-12);
        Approx.Equal(new[] { 2.0 }, grads[1]!, 1e-12);
        Assert.Null(grads[2]);
    }
}
