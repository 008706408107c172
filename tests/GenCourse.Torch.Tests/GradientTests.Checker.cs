namespace GenCourse.Torch.Tests;

// The checker itself: it must fail on wrong gradients, including slightly wrong ones, and name
// the elements; otherwise every other test in this class proves nothing.
public sealed partial class GradientTests
{
    [Fact]
    public void Checker_passes_a_correct_gradient_and_counts_every_element()
    {
        using var _ = torch.NewDisposeScope();
        GradCheck.Report report = GradCheck.Run(x => x[0].exp() * x[1], new[] { Normal(2, 3), Normal(3) });
        Assert.True(report.Passed, report.Describe());
        Assert.Equal(9, report.Checked);
        Assert.True(report.MaxAbsError < 1e-8, $"central differences should agree to ~1e-9, got {report.MaxAbsError:G3}");
    }

    [Fact]
    public void Checker_catches_a_detached_factor()
    {
        using var _ = torch.NewDisposeScope();
        // f = Σ x·sg(x) has the value Σ x² (numeric derivative 2x) but autograd sees only x.
        Tensor x = Uniform(0.5, 2.0, 2, 3);
        GradCheck.Report report = GradCheck.Run(t => (t[0] * t[0].detach()).sum(), new[] { x });
        Assert.False(report.Passed);
        Assert.Equal(6, report.Mismatches.Count);
        double[] values = x.detach().ToArray<double>();
        GradCheck.Mismatch first = report.Mismatches[0];
        Assert.Equal(values[0], first.Analytic, 1e-9);
        Assert.Equal(2 * values[0], first.Numeric, 1e-6);
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => GradCheck.Assert(t => t * t.detach(), x));
    }

    [Fact]
    public void Checker_catches_a_straight_through_estimator()
    {
        using var _ = torch.NewDisposeScope();
        // x + sg(round(x) − x) has the value round(x) (derivative 0) but the gradient 1.
        Tensor x = Leaf(new[] { 0.3, 1.2, -0.8, 2.6 }, 4);
        GradCheck.Report report = GradCheck.Run(t => t[0] + (t[0].round() - t[0]).detach(), new[] { x });
        Assert.Equal(4, report.Mismatches.Count);
        Assert.All(report.Mismatches, m => Assert.Equal(0.0, m.Numeric, 1e-9));
    }

    [Fact]
    public void Checker_catches_a_relative_error_of_one_in_a_thousand()
    {
        using var _ = torch.NewDisposeScope();
        // Value e^x·(1 + 10⁻³), gradient e^x: off by 0.1 %, ten times rtol.
        Tensor x = Normal(5);
        GradCheck.Report report = GradCheck.Run(t => t[0].exp() + t[0].exp().detach() * 1e-3, new[] { x });
        Assert.Equal(5, report.Mismatches.Count);
    }

    [Fact]
    public void Checker_names_the_one_wrong_element()
    {
        using var _ = torch.NewDisposeScope();
        // A term whose value is always 0 but whose gradient is −10⁻³ at [1, 2] only.
        using Tensor mask = torch.zeros(new long[] { 2, 3 }, torch.float64);
        using (torch.no_grad()) mask[1, 2] = torch.tensor(1e-3, torch.float64);
        Tensor x = Normal(2, 3);
        GradCheck.Report report = GradCheck.Run(t => t[0] * t[0] + (t[0].detach() - t[0]) * mask, new[] { x });
        GradCheck.Mismatch m = Assert.Single(report.Mismatches);
        Assert.Equal(new long[] { 1, 2 }, m.Index);
        Assert.Contains("input 0 [1, 2]", report.Describe());
    }

    [Fact]
    public void Checker_treats_an_unused_input_as_a_zero_gradient()
    {
        using var _ = torch.NewDisposeScope();
        GradCheck.Assert(x => x[0].sin(), Normal(3), Normal(2));
        // …but an input that does matter and is reported as unused is an error.
        Tensor a = Normal(3), b = Normal(3);
        GradCheck.Report report = GradCheck.Run(x => x[0].sin() + x[1].detach(), new[] { a, b });
        Assert.Equal(3, report.Mismatches.Count);
        Assert.All(report.Mismatches, m => Assert.Equal(1, m.Input));
    }

    [Fact]
    public void Checker_refuses_float32_and_inputs_without_grad()
    {
        using var _ = torch.NewDisposeScope();
        Tensor f32 = torch.randn(new long[] { 3 }, torch.float32, requires_grad: true);
        Assert.Contains("float64", Assert.Throws<ArgumentException>(() => GradCheck.Run(x => x[0], new[] { f32 })).Message);
        Tensor noGrad = torch.randn(new long[] { 3 }, torch.float64);
        Assert.Contains("does not require grad", Assert.Throws<ArgumentException>(() => GradCheck.Run(x => x[0], new[] { noGrad })).Message);
    }
}
