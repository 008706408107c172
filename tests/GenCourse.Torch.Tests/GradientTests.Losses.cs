using static GenCourse.Torch.nn.functional;

namespace GenCourse.Torch.Tests;

// Losses: gradients with respect to the prediction and, where PyTorch defines one, the target.
// Class weights are constants (libtorch does not differentiate them).
public sealed partial class GradientTests
{
    [Theory]
    [InlineData("mean")]
    [InlineData("sum")]
    [InlineData("none")]
    public void Mse_and_l1_losses(string reduction)
    {
        using var _ = torch.NewDisposeScope();
        Tensor input = Normal(3, 4);
        Tensor target = Normal(3, 4);
        using (torch.no_grad())
        using (Tensor gap = input - target) AssertAwayFrom(gap, 0);   // |·|'s kink
        GradCheck.Assert(x => mse_loss(x[0], x[1], reduction), input, target);
        GradCheck.Assert(x => l1_loss(x[0], x[1], reduction), input, target);
    }

    [Fact]
    public void Binary_cross_entropy_on_probabilities()
    {
        using var _ = torch.NewDisposeScope();
        Tensor p = Uniform(0.05, 0.95, 3, 4);
        Tensor t = Uniform(0, 1, 3, 4);
        using Tensor weight = torch.tensor(new[] { 0.5, 1.0, 2.0, 1.5 });
        GradCheck.Assert(x => binary_cross_entropy(x[0], x[1]), p, t);
        GradCheck.Assert(x => binary_cross_entropy(x[0], x[1], weight, reduction: "sum"), p, t);
        GradCheck.Assert(x => binary_cross_entropy(x[0], x[1], reduction: "none"), p, t);
    }

    [Fact]
    public void Binary_cross_entropy_with_logits()
    {
        using var _ = torch.NewDisposeScope();
        Tensor logits = Uniform(-4, 4, 3, 4);
        Tensor t = Uniform(0, 1, 3, 4);
        using Tensor weight = torch.tensor(new[] { 0.5, 1.0, 2.0, 1.5 });
        using Tensor posWeight = torch.tensor(new[] { 3.0, 0.5, 1.0, 2.0 });
        // ∂/∂x = σ(x) − t without pos_weight; with it, ((p_w·t + 1 − t)·σ(x) − p_w·t).
        GradCheck.Assert(x => binary_cross_entropy_with_logits(x[0], x[1]), logits, t);
        GradCheck.Assert(x => binary_cross_entropy_with_logits(x[0], x[1], weight, posWeight, reduction: "sum"), logits, t);
        GradCheck.Assert(x => binary_cross_entropy_with_logits(x[0], x[1], pos_weight: posWeight, reduction: "none"), logits, t);
        // Large logits: the stable form must not saturate the gradient.
        GradCheck.Assert(x => binary_cross_entropy_with_logits(x[0] * 20.0, x[1]), logits, t);
    }

    [Fact]
    public void Binary_cross_entropy_with_logits_matches_bce_of_sigmoid()
    {
        using var _ = torch.NewDisposeScope();
        Tensor logits = Uniform(-3, 3, 6);
        using Tensor t = torch.tensor(new[] { 0.0, 1.0, 1.0, 0.3, 0.0, 0.9 });
        Tensor gLogits = torch.autograd.grad(binary_cross_entropy_with_logits(logits, t, reduction: "sum"), logits);
        // Hand-derived: d/dx [−t log σ(x) − (1 − t) log(1 − σ(x))] = σ(x) − t.
        using (torch.no_grad()) AssertClose(logits.sigmoid() - t, gLogits, atol: 1e-12);
    }

    [Fact]
    public void Cross_entropy_with_class_indices()
    {
        using var _ = torch.NewDisposeScope();
        Tensor logits = Normal(5, 4);
        using Tensor target = torch.tensor(new long[] { 0, 3, 1, 3, 2 });
        using Tensor weight = torch.tensor(new[] { 1.0, 0.5, 2.0, 1.5 });
        GradCheck.Assert(t => cross_entropy(t, target), logits);
        GradCheck.Assert(t => cross_entropy(t, target, weight), logits);   // weighted mean
        GradCheck.Assert(t => cross_entropy(t, target, reduction: "none", label_smoothing: 0.1), logits);
        using Tensor ignoring = torch.tensor(new long[] { 0, -100, 1, 3, -100 });
        GradCheck.Assert(t => cross_entropy(t, ignoring, weight, reduction: "sum"), logits);
    }

    [Fact]
    public void Cross_entropy_hand_derived_gradient_is_softmax_minus_one_hot()
    {
        using var _ = torch.NewDisposeScope();
        Tensor logits = Normal(3, 4);
        using Tensor target = torch.tensor(new long[] { 2, 0, 3 });
        cross_entropy(logits, target, reduction: "sum").backward();
        using (torch.no_grad())
        {
            Tensor expected = softmax(logits, 1) - one_hot(target, 4).to(torch.float64);
            AssertClose(expected, logits.grad!, atol: 1e-12);
        }
    }

    [Fact]
    public void Cross_entropy_on_images_and_with_probability_targets()
    {
        using var _ = torch.NewDisposeScope();
        // [N, C, H, W] logits with [N, H, W] labels (a per-pixel classifier).
        using Tensor labels = Labels(3, 2, 2, 3);
        GradCheck.Assert(t => cross_entropy(t, labels), Normal(2, 3, 2, 3));
        // Soft targets: −Σ_c q_c log softmax(x)_c, differentiable in both x and q.
        GradCheck.Assert(x => cross_entropy(x[0], softmax(x[1], 1)), Normal(3, 4), Normal(3, 4));
        GradCheck.Assert(x => cross_entropy(x[0], softmax(x[1], 1), label_smoothing: 0.2, reduction: "sum"), Normal(3, 4), Normal(3, 4));
    }

    [Fact]
    public void Nll_loss_on_log_probabilities()
    {
        using var _ = torch.NewDisposeScope();
        using Tensor target = torch.tensor(new long[] { 1, 0, 2, 2 });
        using Tensor weight = torch.tensor(new[] { 0.5, 2.0, 1.0 });
        GradCheck.Assert(t => nll_loss(log_softmax(t, 1), target), Normal(4, 3));
        GradCheck.Assert(t => nll_loss(t, target, weight), Normal(4, 3));
        GradCheck.Assert(t => nll_loss(t, target, reduction: "none", ignore_index: 2), Normal(4, 3));
        using Tensor pixels = Labels(3, 2, 3, 2);
        GradCheck.Assert(t => nll_loss(log_softmax(t, 1), pixels, weight, reduction: "sum"), Normal(2, 3, 3, 2));
    }

    [Theory]
    [InlineData("batchmean", false)]
    [InlineData("mean", false)]
    [InlineData("sum", true)]
    [InlineData("none", true)]
    public void Kl_div_in_input_and_target(string reduction, bool logTarget)
    {
        using var _ = torch.NewDisposeScope();
        // KL(p ‖ q) = Σ p (log p − log q) with input = log q; a log-target passes log p instead.
        GradCheck.Assert(x =>
        {
            Tensor logQ = log_softmax(x[0], 1);
            Tensor target = logTarget ? log_softmax(x[1], 1) : softmax(x[1], 1);
            return kl_div(logQ, target, reduction, log_target: logTarget);
        }, Normal(3, 4), Normal(3, 4));
    }
}
