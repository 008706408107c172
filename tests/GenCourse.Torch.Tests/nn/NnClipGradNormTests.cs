using static GenCourse.Torch.Tests.Nn.NnTestUtil;

namespace GenCourse.Torch.Tests.Nn;

public class NnClipGradNormTests
{
    /// <summary>p1 with gradient (3, 4) (norm 5), p2 with gradient (12) (norm 12), p3 without one.</summary>
    private static Tensor[] Parameters()
    {
        Tensor p1 = torch.zeros(new long[] { 2 }, ScalarType.Float64, requires_grad: true);
        Tensor p2 = torch.zeros(new long[] { 1 }, ScalarType.Float64, requires_grad: true);
        Tensor p3 = torch.zeros(new long[] { 3 }, ScalarType.Float64, requires_grad: true);
        using (Tensor g1 = torch.tensor(new double[] { 3, 4 })) p1.grad = g1;
        using (Tensor g2 = torch.tensor(new double[] { 12 })) p2.grad = g2;
        return new[] { p1, p2, p3 };
    }

    [Fact]
    public void ScalesAllGradientsByMaxNormOverTheTotalNorm()
    {
        Tensor[] ps = Parameters();
        using Tensor total = nn.utils.clip_grad_norm_(ps, max_norm: 6.5);
        // total = √(5² + 12²) = 13; coefficient = 6.5/(13 + 1e-6)
        Assert.Equal(13.0, total.item<double>(), 1e-12);
        double c = 6.5 / (13 + 1e-6);
        using (Tensor? g = ps[0].grad) Close(new[] { 3 * c, 4 * c }, g!, 1e-12);
        using (Tensor? g = ps[1].grad) Close(new[] { 12 * c }, g!, 1e-12);
        Assert.Null(ps[2].grad);
        foreach (Tensor p in ps) p.Dispose();
    }

    [Fact]
    public void LeavesSmallGradientsAlone()
    {
        Tensor[] ps = Parameters();
        using Tensor total = nn.utils.clip_grad_norm_(ps, max_norm: 100);
        Assert.Equal(13.0, total.item<double>(), 1e-12);
        using (Tensor? g = ps[0].grad) Close(new[] { 3.0, 4.0 }, g!, 0);
        foreach (Tensor p in ps) p.Dispose();
    }

    [Fact]
    public void InfinityNormIsTheLargestEntry()
    {
        Tensor[] ps = Parameters();
        using Tensor total = nn.utils.clip_grad_norm_(ps, max_norm: 6, norm_type: double.PositiveInfinity);
        Assert.Equal(12.0, total.item<double>(), 1e-12);
        double c = 6 / (12 + 1e-6);
        using (Tensor? g = ps[1].grad) Close(new[] { 12 * c }, g!, 1e-12);
        foreach (Tensor p in ps) p.Dispose();
    }

    [Fact]
    public void NonFiniteNormIsAnErrorWhenAskedFor()
    {
        Tensor[] ps = Parameters();
        using (Tensor bad = torch.tensor(new double[] { double.NaN })) ps[1].grad = bad;
        Assert.Contains("nan", Assert.Throws<InvalidOperationException>(() => nn.utils.clip_grad_norm_(ps, 1, error_if_nonfinite: true)).Message,
            StringComparison.OrdinalIgnoreCase);
        foreach (Tensor p in ps) p.Dispose();
    }

    [Fact]
    public void WithoutGradientsTheNormIsZero()
    {
        using Tensor p = torch.zeros(new long[] { 2 }, requires_grad: true);
        using Tensor total = nn.utils.clip_grad_norm_(new[] { p }, 1);
        Assert.Equal(0.0, total.item<double>());
    }

    [Fact]
    public void ClipGradValueClampsEachEntry()
    {
        Tensor[] ps = Parameters();
        nn.utils.clip_grad_value_(ps, 3.5);
        using (Tensor? g = ps[0].grad) Close(new[] { 3.0, 3.5 }, g!, 0);
        using (Tensor? g = ps[1].grad) Close(new[] { 3.5 }, g!, 0);
        foreach (Tensor p in ps) p.Dispose();
    }
}
