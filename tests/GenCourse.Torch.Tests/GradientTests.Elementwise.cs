using static GenCourse.Torch.nn.functional;

namespace GenCourse.Torch.Tests;

// Elementwise arithmetic (with broadcasting), math functions and activations.
public sealed partial class GradientTests
{
    [Fact]
    public void Arithmetic_with_broadcasting()
    {
        using var _ = torch.NewDisposeScope();
        Tensor a = Normal(3, 1, 4);
        Tensor b = Uniform(0.5, 2.0, 2, 4);   // a divisor, kept away from 0
        Tensor c = Normal();                  // 0-d, broadcast everywhere
        // [3,1,4] ∘ [2,4] → [3,2,4]: the gradient of a broadcast operand sums over the broadcast axes.
        GradCheck.Assert(x => x[0] * x[1] + x[0] / x[1] - x[1] * x[2] + (2.0 - x[0]) * 3.0 - x[2] / 4.0 + (-x[1]), a, b, c);
    }

    [Fact]
    public void Reciprocal_of_a_tensor_and_scalar_over_tensor()
    {
        using var _ = torch.NewDisposeScope();
        Tensor x = Uniform(0.5, 2.0, 5);
        GradCheck.Assert(t => 2.0 / t + t.reciprocal(), x);
    }

    // Functions of a positive argument: the domain of log, sqrt, fractional powers.
    [Theory]
    [InlineData("exp")]
    [InlineData("log")]
    [InlineData("log1p")]
    [InlineData("sqrt")]
    [InlineData("rsqrt")]
    [InlineData("pow_scalar")]
    [InlineData("square")]
    [InlineData("sin")]
    [InlineData("cos")]
    [InlineData("erf")]
    public void Math_function(string op)
    {
        using var _ = torch.NewDisposeScope();
        Func<Tensor, Tensor> f = op switch
        {
            "exp" => t => t.exp(),
            "log" => t => t.log(),
            "log1p" => t => t.log1p(),
            "sqrt" => t => t.sqrt(),
            "rsqrt" => t => t.rsqrt(),
            "pow_scalar" => t => t.pow(3.5),
            "square" => t => t.square(),
            "sin" => t => t.sin(),
            "cos" => t => t.cos(),
            "erf" => t => t.erf(),
            _ => throw new ArgumentException(op),
        };
        GradCheck.Assert(f, Uniform(0.3, 2.0, 2, 3));
    }

    [Fact]
    public void Pow_with_tensor_base_and_exponent()
    {
        using var _ = torch.NewDisposeScope();
        // d(a^b)/da = b·a^(b−1), d(a^b)/db = a^b·log a; the exponent broadcasts over rows.
        GradCheck.Assert(x => x[0].pow(x[1]), Uniform(0.5, 2.0, 3, 4), Uniform(-1.5, 2.5, 4));
    }

    [Theory]
    [InlineData("tanh")]
    [InlineData("sigmoid")]
    [InlineData("softplus")]
    [InlineData("softplus_beta")]
    [InlineData("gelu")]
    [InlineData("gelu_tanh")]
    [InlineData("silu")]
    [InlineData("leaky_relu")]
    [InlineData("relu")]
    [InlineData("abs")]
    public void Activation(string op)
    {
        using var _ = torch.NewDisposeScope();
        Func<Tensor, Tensor> f = op switch
        {
            "tanh" => t => tanh(t),
            "sigmoid" => t => sigmoid(t),
            "softplus" => t => softplus(t),
            // β = 2 with threshold 3: inputs stay below x = 1.5 where it switches to the identity.
            "softplus_beta" => t => softplus(t, beta: 2, threshold: 3),
            "gelu" => t => gelu(t),
            "gelu_tanh" => t => gelu(t, approximate: "tanh"),
            "silu" => t => silu(t),
            "leaky_relu" => t => leaky_relu(t, 0.2),
            "relu" => t => relu(t),
            "abs" => t => t.abs(),
            _ => throw new ArgumentException(op),
        };
        Tensor x = Uniform(-1.4, 1.4, 3, 4);
        AssertAwayFrom(x, 0);
        GradCheck.Assert(f, x);
    }

    [Fact]
    public void Softplus_above_its_threshold_is_the_identity()
    {
        using var _ = torch.NewDisposeScope();
        // β·x > threshold switches to x itself: gradient exactly 1 there, σ(βx) below.
        Tensor x = Leaf(new[] { -1.0, 0.3, 2.5, 4.0 }, 4);
        GradCheck.Assert(t => softplus(t, beta: 2, threshold: 3), x);
    }

    [Fact]
    public void Clamp_with_scalar_and_tensor_bounds()
    {
        using var _ = torch.NewDisposeScope();
        Tensor x = Uniform(-2, 2, 4, 5);
        foreach (double kink in new[] { -0.5, 0.7 }) AssertAwayFrom(x, kink);
        // Gradient 1 inside [min, max], 0 outside.
        GradCheck.Assert(t => torch.clamp(t, -0.5, 0.7) + t.clamp(min: -0.5) * 2.0 + t.clamp(max: 0.7) * 3.0, x);

        // Tensor bounds: the bound that is active receives the gradient.
        Tensor lo = Leaf(new[] { -1.0, -0.25, 0.1, -3.0, -0.6 }, 5);
        Tensor hi = Leaf(new[] { 1.0, 0.25, 1.6, 3.0, 0.45 }, 5);
        Tensor y = Leaf(new[] { -1.5, 0.5, 0.4, 2.2, -0.1, 0.8, -0.3, 0.2, 1.9, -2.5 }, 2, 5);
        GradCheck.Assert(t => t[0].clamp(t[1], t[2]), y, lo, hi);
    }

    [Fact]
    public void Maximum_minimum_and_where()
    {
        using var _ = torch.NewDisposeScope();
        Tensor a = Normal(3, 4);
        Tensor b = Normal(3, 4);
        using (torch.no_grad())
        using (Tensor gap = a - b) AssertAwayFrom(gap, 0);   // no ties
        using Tensor mask = torch.tensor(new[] { true, false, true, true }, new long[] { 4 });
        GradCheck.Assert(x => torch.maximum(x[0], x[1]) * 2.0 + torch.minimum(x[0], x[1]) + torch.where(mask, x[0], x[1] * x[1]), a, b);
    }

    [Fact]
    public void Lerp_and_masked_fill()
    {
        using var _ = torch.NewDisposeScope();
        using Tensor mask = torch.tensor(new[] { false, true, false }, new long[] { 3 });
        // lerp: a + w·(b − a); masked_fill: gradient 0 at the filled positions.
        GradCheck.Assert(x => x[0].lerp(x[1], 0.3) * x[0].masked_fill(mask, 2.0), Normal(2, 3), Normal(2, 3));
    }
}
