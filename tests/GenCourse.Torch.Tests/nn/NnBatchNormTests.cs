using GenCourse.Torch.Modules;
using static GenCourse.Torch.Tests.Nn.NnTestUtil;

namespace GenCourse.Torch.Tests.Nn;

public class NnBatchNormTests
{
    // Two channels, four samples. Channel 0: 1, 2, 3, 6 → mean 3, Σ(x − μ)² = 4 + 1 + 0 + 9 = 14,
    // biased var 14/4 = 3.5, unbiased 14/3. Channel 1: 0, 0, 4, 4 → mean 2, Σ(x − μ)² = 16,
    // biased var 4, unbiased 16/3.
    private static Tensor Batch() => torch.tensor(new float[,] { { 1, 0 }, { 2, 0 }, { 3, 4 }, { 6, 4 } });

    [Fact]
    public void TrainingNormalisesWithBatchStatisticsAndUpdatesRunningOnes()
    {
        using var bn = nn.BatchNorm1d(2);
        using Tensor x = Batch();
        using Tensor y = bn.call(x);

        double eps = 1e-5;
        double s0 = Math.Sqrt(3.5 + eps), s1 = Math.Sqrt(4 + eps);
        Close(new[] { -2 / s0, -2 / s1, -1 / s0, -2 / s1, 0, 2 / s1, 3 / s0, 2 / s1 }, y, 1e-5);
        // running = 0.9·initial + 0.1·batch; running_var takes the unbiased batch variance
        Close(new[] { 0.1 * 3, 0.1 * 2 }, bn.running_mean!, 1e-6);
        Close(new[] { 0.9 + 0.1 * 14 / 3, 0.9 + 0.1 * 16 / 3 }, bn.running_var!, 1e-6);
        Assert.Equal(1L, bn.num_batches_tracked!.item<long>());
    }

    [Fact]
    public void EvaluationUsesTheRunningStatistics()
    {
        using var bn = nn.BatchNorm1d(2);
        using (Tensor x = Batch()) bn.call(x).Dispose();
        Set(bn.weight!, 2, 3);
        Set(bn.bias!, 1, -1);
        bn.eval();
        using Tensor probe = torch.tensor(new float[,] { { 1, 1 } });
        using Tensor y = bn.call(probe);
        double eps = 1e-5, rv0 = 0.9 + 0.1 * 14 / 3, rv1 = 0.9 + 0.1 * 16 / 3;
        // y = (x − running_mean)/√(running_var + ε)·γ + β
        Close(new[] { (1 - 0.3) / Math.Sqrt(rv0 + eps) * 2 + 1, (1 - 0.2) / Math.Sqrt(rv1 + eps) * 3 - 1 }, y, 1e-5);
        Assert.Equal(1L, bn.num_batches_tracked!.item<long>());       // evaluation does not count batches
        Close(new[] { 0.3, 0.2 }, bn.running_mean!, 1e-6);
    }

    [Fact]
    public void MomentumNullGivesTheCumulativeAverage()
    {
        using var bn = nn.BatchNorm1d(1, momentum: null);
        using Tensor a = torch.tensor(new float[,] { { 1 }, { 3 } });      // mean 2, unbiased var 2
        using Tensor b = torch.tensor(new float[,] { { 10 }, { 20 } });    // mean 15, unbiased var 50
        bn.call(a).Dispose();
        bn.call(b).Dispose();
        Close(new[] { (2 + 15) / 2.0 }, bn.running_mean!, 1e-5);
        Close(new[] { (2 + 50) / 2.0 }, bn.running_var!, 1e-4);
        Assert.Equal(2L, bn.num_batches_tracked!.item<long>());
    }

    [Fact]
    public void BatchNorm2dNormalisesEachChannelOverBatchAndSpace()
    {
        torch.manual_seed(8);
        using var bn = nn.BatchNorm2d(3).to(ScalarType.Float64);
        using Tensor x = torch.randn(new long[] { 4, 3, 5, 5 }, ScalarType.Float64) * 3 + 7;
        using Tensor y = bn.call(x);
        double n = 4 * 5 * 5;
        for (int c = 0; c < 3; ++c)
        {
            using Tensor yc = y[.., c];
            (double mean, double variance) = Moments(yc);
            Assert.Equal(0, mean, 1e-10);
            Assert.Equal(1, variance, 1e-4);                              // σ²/(σ² + ε), ε = 1e-5
            using Tensor xc = x[.., c];
            (double mu, double biased) = Moments(xc);
            Assert.Equal(0.1 * mu, bn.running_mean!.ToArray<double>()[c], 1e-10);
            Assert.Equal(0.9 + 0.1 * biased * n / (n - 1), bn.running_var!.ToArray<double>()[c], 1e-10);
        }
    }

    [Fact]
    public void WithoutTrackingItAlwaysUsesBatchStatistics()
    {
        using var bn = nn.BatchNorm1d(2, track_running_stats: false, affine: false);
        Assert.Empty(bn.named_buffers());
        Assert.Empty(bn.named_parameters());
        bn.eval();
        using Tensor x = Batch();
        using Tensor y = bn.call(x);
        Close(new[] { -2 / Math.Sqrt(3.5 + 1e-5) }, y[0, 0], 1e-5);
    }

    [Fact]
    public void ClearErrorsForBadInput()
    {
        using var bn = nn.BatchNorm1d(2);
        using Tensor single = torch.zeros(1, 2);
        Assert.Contains("more than 1 value per channel", Assert.Throws<ArgumentException>(() => bn.call(single)).Message);
        using Tensor wrong = torch.zeros(4, 3);
        Assert.Contains("built for 2 channels", Assert.Throws<ArgumentException>(() => bn.call(wrong)).Message);
        using var bn2 = nn.BatchNorm2d(2);
        using Tensor flat = torch.zeros(4, 2);
        Assert.Contains("[N, C, H, W]", Assert.Throws<ArgumentException>(() => bn2.call(flat)).Message);
        bn.eval();
        using (Tensor y = bn.call(single)) Assert.Equal(new long[] { 1, 2 }, y.shape);   // evaluation accepts one sample
    }
}
