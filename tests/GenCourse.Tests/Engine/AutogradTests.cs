using GenCourse.Engine;

namespace GenCourse.Tests.Engine;

/// <summary>Double backward through <see cref="Autograd.Grad(Tensor, Tensor, bool, bool?)"/>, checked against closed forms.</summary>
public sealed class AutogradTests
{
    [Fact]
    public void ACreatedGraphIsRetainedSoALossOfTheGradientCanBackpropagate()
    {
        // f(x) = Σ x³, ∇f = 3x², and the penalty P = ‖∇f‖² = Σ 9x⁴ has ∂P/∂x = 36x³.
        // TorchSharp's own grad(create_graph: true) frees the graph unless retain_graph is also
        // given, and P.backward() below then aborts the process (exit 134): this test would crash.
        using Tensor x = torch.tensor(new double[] { 0.5, -1.0, 2.0 }).requires_grad_();
        using Tensor f = x.pow(3).sum();
        using Tensor g = Autograd.Grad(f, x, createGraph: true);
        Assert.Equal(new[] { 0.75, 3.0, 12.0 }, g.ToArray<double>());
        using Tensor penalty = g.square().sum();
        penalty.backward();
        Assert.Equal(new[] { 4.5, -36.0, 288.0 }, x.grad!.ToArray<double>());
        using Tensor again = f * 2;   // the first graph is still usable
        again.backward();
        Assert.Equal(new[] { 4.5 + 1.5, -36.0 + 6.0, 288.0 + 24.0 }, x.grad!.ToArray<double>());
    }

    [Fact]
    public void AnInputThatNeedsNoGradientIsAClearError()
    {
        using Tensor x = torch.ones(3);
        var e = Assert.Throws<ArgumentException>(() => Autograd.Grad(x.sum(), x));
        Assert.Contains("does not require grad", e.Message);
    }
}
