using static GenCourse.Torch.nn.functional;

namespace GenCourse.Torch.Tests;

// Layers as functions: linear, convolutions, pooling, resizing, normalisation, embedding, padding.
public sealed partial class GradientTests
{
    /// <summary>A shuffled ramp of distinct values <paramref name="step"/> apart (no ties for max).</summary>
    private Tensor Ramp(double step, params long[] shape)
    {
        long n = 1;
        foreach (long s in shape) n *= s;
        using (torch.no_grad())
        {
            using Tensor perm = torch.randperm(n, generator: gen);
            using Tensor values = perm.to(torch.float64) * step - n * step / 2;
            return values.reshape(shape).clone().requires_grad_();
        }
    }

    [Fact]
    public void Linear_input_weight_and_bias()
    {
        using var _ = torch.NewDisposeScope();
        GradCheck.Assert(x => linear(x[0], x[1], x[2]), Normal(3, 4), Normal(2, 4), Normal(2));
        // A leading batch dimension, no bias.
        GradCheck.Assert(x => linear(x[0], x[1]), Normal(2, 3, 4), Normal(5, 4));
    }

    [Fact]
    public void Conv2d_with_stride_padding_and_groups()
    {
        using var _ = torch.NewDisposeScope();
        // [2,4,5,5] with 2 groups of 2 → 6 channels, stride 2, padding 1 → [2,6,3,3].
        GradCheck.Assert(x => conv2d(x[0], x[1], x[2], stride: 2, padding: 1, groups: 2),
            Normal(2, 4, 5, 5), Normal(6, 2, 3, 3), Normal(6));
    }

    [Fact]
    public void Conv2d_with_dilation_and_per_axis_settings()
    {
        using var _ = torch.NewDisposeScope();
        GradCheck.Assert(x => conv2d(x[0], x[1], dilation: 2, padding: 2), Normal(1, 2, 5, 5), Normal(3, 2, 3, 3));
        GradCheck.Assert(x => conv2d(x[0], x[1], x[2], new long[] { 1, 2 }, new long[] { 1, 0 }, new long[] { 1, 1 }),
            Normal(1, 2, 4, 5), Normal(2, 2, 3, 2), Normal(2));
    }

    [Fact]
    public void Conv_transpose2d_with_stride_and_output_padding()
    {
        using var _ = torch.NewDisposeScope();
        // H_out = (3 − 1)·2 − 2·1 + 3 + 1 = 6.
        GradCheck.Assert(x => conv_transpose2d(x[0], x[1], x[2], stride: 2, padding: 1, output_padding: 1),
            Normal(2, 4, 3, 3), Normal(4, 3, 3, 3), Normal(3));
        // Two groups: weight [C_in, C_out/groups, kH, kW] = [4, 1, 2, 2] → 2 output channels.
        GradCheck.Assert(x => conv_transpose2d(x[0], x[1], stride: 2, groups: 2), Normal(1, 4, 3, 2), Normal(4, 1, 2, 2));
    }

    [Fact]
    public void Max_pool2d_routes_gradients_to_window_maxima()
    {
        using var _ = torch.NewDisposeScope();
        Tensor x = Ramp(0.05, 2, 2, 5, 5);
        GradCheck.Assert(t => max_pool2d(t, 2), x);
        // Overlapping windows (stride < kernel) with padding: one element may win several windows.
        GradCheck.Assert(t => max_pool2d(t, 3, stride: 2, padding: 1), x);
    }

    [Fact]
    public void Avg_pool2d_with_and_without_counting_padding()
    {
        using var _ = torch.NewDisposeScope();
        Tensor x = Normal(1, 2, 5, 5);
        GradCheck.Assert(t => avg_pool2d(t, 2), x);
        GradCheck.Assert(t => avg_pool2d(t, 3, stride: 2, padding: 1), x);
        GradCheck.Assert(t => avg_pool2d(t, 3, stride: 2, padding: 1, count_include_pad: false), x);
        GradCheck.Assert(t => avg_pool2d(t, 2, ceil_mode: true), x);
    }

    [Fact]
    public void Adaptive_avg_pool2d_with_overlapping_bins()
    {
        using var _ = torch.NewDisposeScope();
        // 5 → 3 bins: [0,2), [1,4), [3,5); overlapping rows share their gradient.
        GradCheck.Assert(t => adaptive_avg_pool2d(t, 3), Normal(1, 2, 5, 5));
        GradCheck.Assert(t => adaptive_avg_pool2d(t, new long[] { 2, 3 }), Normal(2, 1, 5, 7));
        GradCheck.Assert(t => adaptive_avg_pool2d(t, 1), Normal(2, 3, 3, 3));
    }

    [Fact]
    public void Interpolate_nearest()
    {
        using var _ = torch.NewDisposeScope();
        Tensor x = Normal(1, 2, 3, 3);
        GradCheck.Assert(t => interpolate(t, scale_factor: 2), x);
        GradCheck.Assert(t => interpolate(t, size: new long[] { 5, 4 }), x);
        GradCheck.Assert(t => interpolate(t, size: new long[] { 2, 2 }), x);
    }

    [Fact]
    public void Interpolate_bilinear()
    {
        using var _ = torch.NewDisposeScope();
        Tensor x = Normal(1, 2, 3, 4);
        GradCheck.Assert(t => interpolate(t, size: new long[] { 5, 7 }, mode: "bilinear"), x);
        GradCheck.Assert(t => interpolate(t, scale_factor: 2, mode: "bilinear", align_corners: true), x);
        GradCheck.Assert(t => interpolate(t, size: new long[] { 2, 3 }, mode: "bilinear", align_corners: false), x);
    }

    [Fact]
    public void Batch_norm_in_training_mode_uses_batch_statistics()
    {
        using var _ = torch.NewDisposeScope();
        // Training: y = γ·(x − μ_B)/√(σ²_B + ε) + β; μ_B and σ²_B depend on x, which the gradient must include.
        using Tensor runningMean = torch.zeros(new long[] { 3 }, torch.float64);
        using Tensor runningVar = torch.ones(new long[] { 3 }, torch.float64);
        GradCheck.Assert(x => batch_norm(x[0], runningMean, runningVar, x[1], x[2], training: true),
            Normal(4, 3, 2, 2), Uniform(0.5, 1.5, 3), Normal(3));
        GradCheck.Assert(t => batch_norm(t, null, null, training: true, eps: 1e-3), Normal(5, 2));
    }

    [Fact]
    public void Batch_norm_in_training_mode_updates_its_running_statistics()
    {
        using var _ = torch.NewDisposeScope();
        // running ← (1 − m)·running + m·batch, with the unbiased batch variance.
        Tensor x = Normal(6, 2);
        using Tensor runningMean = torch.zeros(new long[] { 2 }, torch.float64);
        using Tensor runningVar = torch.ones(new long[] { 2 }, torch.float64);
        Tensor y = batch_norm(x, runningMean, runningVar, training: true, momentum: 0.25);
        using (torch.no_grad())
        {
            AssertClose(x.mean(0) * 0.25, runningMean);
            AssertClose(x.var(0) * 0.25 + 0.75, runningVar);
        }
        Assert.True(y.requires_grad);
    }

    [Fact]
    public void Batch_norm_in_eval_mode_uses_running_statistics()
    {
        using var _ = torch.NewDisposeScope();
        using Tensor runningMean = torch.tensor(new[] { 0.3, -0.2, 1.0 });
        using Tensor runningVar = torch.tensor(new[] { 0.5, 2.0, 1.5 });
        GradCheck.Assert(x => batch_norm(x[0], runningMean, runningVar, x[1], x[2], training: false),
            Normal(2, 3, 2, 2), Normal(3), Normal(3));
    }

    [Fact]
    public void Group_norm_with_affine_parameters()
    {
        using var _ = torch.NewDisposeScope();
        GradCheck.Assert(x => group_norm(x[0], 2, x[1], x[2]), Normal(2, 4, 3, 3), Normal(4), Normal(4));
        GradCheck.Assert(t => group_norm(t, 3), Normal(2, 3, 2, 2));   // one channel per group
    }

    [Fact]
    public void Layer_norm_with_affine_parameters()
    {
        using var _ = torch.NewDisposeScope();
        GradCheck.Assert(x => layer_norm(x[0], new long[] { 3, 4 }, x[1], x[2]), Normal(2, 3, 4), Normal(3, 4), Normal(3, 4));
        GradCheck.Assert(t => layer_norm(t, new long[] { 5 }), Normal(3, 5));
    }

    [Fact]
    public void Embedding_accumulates_gradients_of_repeated_rows()
    {
        using var _ = torch.NewDisposeScope();
        using Tensor indices = torch.tensor(new long[,] { { 0, 2, 2 }, { 4, 0, 1 } });
        GradCheck.Assert(w => embedding(indices, w), Normal(5, 3));
    }

    [Fact]
    public void Embedding_padding_row_gets_no_gradient()
    {
        using var _ = torch.NewDisposeScope();
        // PyTorch's contract: the padding row is read in the forward pass but never updated.
        using Tensor indices = torch.tensor(new long[] { 1, 3, 1, 0 });
        Tensor w = Normal(4, 2);
        embedding(indices, w, padding_idx: 1).sum().backward();
        using Tensor g = w.grad!;
        // Row counts: 0 once, 1 (padding) zero, 2 never, 3 once.
        AssertClose(torch.tensor(new[,] { { 1.0, 1.0 }, { 0.0, 0.0 }, { 0.0, 0.0 }, { 1.0, 1.0 } }), g);
    }

    [Fact]
    public void Dropout_gradient_is_its_mask_scaled_by_one_over_keep_probability()
    {
        using var _ = torch.NewDisposeScope();
        // y = m ⊙ x / (1 − p) with m ~ Bernoulli(1 − p): ∂y/∂x = m / (1 − p), i.e. y / x elementwise.
        Tensor x = Uniform(0.5, 1.5, 200);
        Tensor y = dropout(x, p: 0.25);
        Tensor g = torch.autograd.grad(y.sum(), x);
        using (torch.no_grad())
        {
            AssertClose(y / x, g, atol: 1e-12);
            double kept = (g > 0.0).to(torch.float64).mean().item<double>();
            Assert.InRange(kept, 0.6, 0.9);   // 150 of 200 expected, σ ≈ 6: a ±4.9σ band
        }
        // Not training: the identity, gradient 1.
        GradCheck.Assert(t => dropout(t, p: 0.25, training: false), Normal(4));
    }

    [Theory]
    [InlineData("constant")]
    [InlineData("reflect")]
    [InlineData("replicate")]
    [InlineData("circular")]
    public void Pad(string mode)
    {
        using var _ = torch.NewDisposeScope();
        GradCheck.Assert(t => pad(t, new long[] { 1, 2, 2, 1 }, mode, value: 0.5), Normal(1, 2, 3, 4));
    }
}
