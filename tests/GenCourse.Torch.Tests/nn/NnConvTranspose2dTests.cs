using GenCourse.Torch.Modules;
using static GenCourse.Torch.Tests.Nn.NnTestUtil;

namespace GenCourse.Torch.Tests.Nn;

public class NnConvTranspose2dTests
{
    [Fact]
    public void IsTheAdjointOfConv2dWithTheSameWeight()
    {
        // ⟨conv(x), y⟩ = ⟨x, convᵀ(y)⟩ when both use W [C_out, C_in, k, k] and no bias.
        torch.manual_seed(6);
        using var conv = nn.Conv2d(2, 3, kernel_size: 4, stride: 2, padding: 1, bias: false).to(ScalarType.Float64);
        using var convT = nn.ConvTranspose2d(3, 2, kernel_size: 4, stride: 2, padding: 1, bias: false).to(ScalarType.Float64);
        Assert.Equal(conv.weight.shape, convT.weight.shape);
        using (torch.no_grad()) convT.weight.copy_(conv.weight);
        using Tensor x = torch.randn(new long[] { 2, 2, 8, 8 }, ScalarType.Float64);
        using Tensor cx = conv.call(x);                          // [2, 3, 4, 4]
        using Tensor y = torch.randn(cx.shape, ScalarType.Float64);
        using Tensor ty = convT.call(y);                         // [2, 2, 8, 8]
        Assert.Equal(x.shape, ty.shape);
        using Tensor lhs = (cx * y).sum();
        using Tensor rhs = (x * ty).sum();
        Assert.Equal(lhs.item<double>(), rhs.item<double>(), 1e-10);
    }

    [Fact]
    public void OutputSizeFollowsTheFormula()
    {
        // (H − 1)·s − 2p + (k − 1) + output_padding + 1: DCGAN's 4×4 → 8×8 and a 7 → 14 with output_padding
        using var up = nn.ConvTranspose2d(8, 4, kernel_size: 4, stride: 2, padding: 1);
        using (Tensor y = up.call(torch.zeros(2, 8, 4, 4))) Assert.Equal(new long[] { 2, 4, 8, 8 }, y.shape);
        using var odd = nn.ConvTranspose2d(1, 1, kernel_size: 3, stride: 2, padding: 1, output_padding: 1);
        using (Tensor y = odd.call(torch.zeros(1, 1, 7, 7))) Assert.Equal(new long[] { 1, 1, 14, 14 }, y.shape);
    }

    [Fact]
    public void DefaultInitUsesTheFanInOfTheWeightLayout()
    {
        torch.manual_seed(7);
        using var layer = nn.ConvTranspose2d(4, 6, kernel_size: 3);
        Assert.Equal(new long[] { 4, 6, 3, 3 }, layer.weight.shape);
        double bound = 1 / Math.Sqrt(6 * 9);                    // fan_in = size(1)·k² = C_out·k² = 54
        double[] w = layer.weight.ToArray<double>();
        Assert.All(w, v => Assert.InRange(v, -bound, bound));
        Assert.True(w.Select(Math.Abs).Max() > 0.9 * bound);    // P(all 216 below 0.9b) = 0.9²¹⁶ ≈ 1e-10
        Assert.All(layer.bias!.ToArray<double>(), v => Assert.InRange(v, -bound, bound));
    }

    [Fact]
    public void RejectsOutputPaddingNotBelowStride()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => nn.ConvTranspose2d(1, 1, 3, stride: 2, output_padding: 2));
    }
}
