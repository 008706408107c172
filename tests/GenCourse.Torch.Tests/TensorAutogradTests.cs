namespace GenCourse.Torch.Tests;

/// <summary>backward, .grad, requires_grad_ and detach on small functions with hand-derived gradients.</summary>
public class TensorAutogradTests
{
    [Fact]
    public void RequiresGradMarksALeafAndResultsFollow()
    {
        using var scope = torch.NewDisposeScope();
        Tensor x = torch.tensor(new float[] { 1, 2 });
        Assert.False(x.requires_grad);
        Assert.Same(x, x.requires_grad_());
        Assert.True(x.requires_grad);
        Assert.True(x.is_leaf);
        Tensor y = x * x;
        Assert.True(y.requires_grad);
        Assert.False(y.is_leaf);
        Tensor c = torch.tensor(new float[] { 3, 4 });
        Assert.False((c * 2).requires_grad);
        x.requires_grad_(false);
        Assert.False(x.requires_grad);
    }

    [Fact]
    public void BackwardOfASumOfSquaresIsTwiceX()
    {
        using var scope = torch.NewDisposeScope();
        // f(x) = Σ xᵢ² + 3·x₀·x₁ → ∂f/∂x₀ = 2x₀ + 3x₁, ∂f/∂x₁ = 2x₁ + 3x₀
        Tensor x = torch.tensor(new double[] { 1.5, -2 }, requires_grad: true);
        Assert.Null(x.grad);
        Tensor f = (x * x).sum() + 3 * x[0] * x[1];
        f.backward();
        Approx.Equal(new[] { 2 * 1.5 + 3 * -2, 2 * -2 + 3 * 1.5 }, x.grad!, 1e-12);
    }

    [Fact]
    public void GradientsAccumulateUntilCleared()
    {
        using var scope = torch.NewDisposeScope();
        // d/dx Σ 3x = 3 per element, twice → 6.
        Tensor x = torch.tensor(new double[] { 1, 2, 3 }, requires_grad: true);
        (3 * x).sum().backward();
        (3 * x).sum().backward();
        Approx.Equal(new double[] { 6, 6, 6 }, x.grad!);
        x.grad = null;
        Assert.Null(x.grad);
        (x * x).sum().backward();
        Approx.Equal(new double[] { 2, 4, 6 }, x.grad!);
        x.grad = torch.zeros(new long[] { 3 }, dtype: torch.float64);
        (x * 1).sum().backward();
        Approx.Equal(new double[] { 1, 1, 1 }, x.grad!);
    }

    [Fact]
    public void NonScalarBackwardTakesTheVectorOfTheVectorJacobianProduct()
    {
        using var scope = torch.NewDisposeScope();
        // y = x², vᵀJ = v·2x
        Tensor x = torch.tensor(new double[] { 1, -1, 2 }, requires_grad: true);
        Tensor y = x * x;
        y.backward(torch.tensor(new double[] { 1, 10, 100 }));
        Approx.Equal(new double[] { 2, -20, 400 }, x.grad!);
    }

    [Fact]
    public void RetainGraphAllowsASecondBackward()
    {
        using var scope = torch.NewDisposeScope();
        Tensor x = torch.tensor(new double[] { 2 }, requires_grad: true);
        Tensor y = (x.exp() * x).sum();         // d/dx x·eˣ = (1 + x)eˣ
        y.backward(retain_graph: true);
        y.backward();
        Approx.Equal(new[] { 2 * 3 * Math.Exp(2) }, x.grad!, 1e-12);
    }

    [Fact]
    public void DetachCutsTheGraphButSharesData()
    {
        using var scope = torch.NewDisposeScope();
        // z = stop_gradient(x)·x → dz/dx = x (not 2x)
        Tensor x = torch.tensor(new double[] { 3, -1 }, requires_grad: true);
        Tensor d = x.detach();
        Assert.False(d.requires_grad);
        (d * x).sum().backward();
        Approx.Equal(new double[] { 3, -1 }, x.grad!);
        // Same storage: a write through the detached view shows in x.
        using (torch.no_grad()) d.mul_(2);
        Approx.Equal(new double[] { 6, -2 }, x);
    }

    [Fact]
    public void TensorsMadeWithRequiresGradAreLeavesThatReceiveGradients()
    {
        using var scope = torch.NewDisposeScope();
        // d(x²)/dx = 2x = 4 at x = 2
        Tensor x = torch.tensor(2.0, dtype: torch.float64, requires_grad: true);
        Assert.True(x.is_leaf);
        (x * x).backward();
        Approx.Equal(4, x.grad!, 1e-12);
        // d/dm Σ 3m = 3 for a matrix made from flat data with a shape.
        Tensor m = torch.tensor(new double[] { 1, 2, 3, 4 }, new long[] { 2, 2 }, requires_grad: true);
        Assert.True(m.is_leaf);
        (m * 3).sum().backward();
        Approx.Equal(new double[] { 3, 3, 3, 3 }, m.grad!, 1e-12);
        Tensor a = torch.tensor(new float[,] { { 1, 2 } }, dtype: torch.float64, requires_grad: true);
        Assert.True(a.is_leaf);
        Tensor r = torch.randn(new long[] { 2 }, requires_grad: true);
        Assert.True(r.is_leaf);
    }

    [Fact]
    public void ChainRuleThroughActivations()
    {
        using var scope = torch.NewDisposeScope();
        // f = Σ sigmoid(w·x) with w = 0.5 → ∂f/∂x = w·σ(wx)(1 − σ(wx))
        double[] xs = { -1, 0, 2 };
        Tensor x = torch.tensor(xs, requires_grad: true);
        (x * 0.5).sigmoid().sum().backward();
        Approx.Equal(xs.Select(v => 0.5 * Reference.Sigmoid(0.5 * v) * (1 - Reference.Sigmoid(0.5 * v))).ToArray(), x.grad!, 1e-12);
    }
}
