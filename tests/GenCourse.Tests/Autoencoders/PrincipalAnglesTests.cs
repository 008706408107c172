using GenCourse.Autoencoders;
using static GenCourse.Tests.Autoencoders.Numerics;

namespace GenCourse.Tests.Autoencoders;

public class PrincipalAnglesTests
{
    [Theory]
    [InlineData(1e-7)]
    [InlineData(0.3)]
    [InlineData(1.2)]
    [InlineData(Math.PI / 2)]
    public void TheAngleBetweenTwoLinesIsTheAngleBetweenTheirDirections(double theta)
    {
        using var scope = torch.NewDisposeScope();
        Tensor a = Tensor64(new[] { 2.0, 0, 0 }, 3, 1);
        Tensor b = Tensor64(new[] { Math.Cos(theta), Math.Sin(theta), 0 }, 3, 1);
        Assert.Equal(theta, PrincipalAngles.Largest(a, b), 1e-12 + 1e-9 * theta);
    }

    [Fact]
    public void PlanesSharingALineHaveAnglesZeroAndPhi()
    {
        using var scope = torch.NewDisposeScope();
        const double phi = 0.7;
        // span{e1, e2} and span{e1, cos φ e2 + sin φ e3} in ℝ⁴
        Tensor a = Tensor64(new[] { 1.0, 0, 0, 1, 0, 0, 0, 0 }, 4, 2);
        Tensor b = Tensor64(new[] { 1.0, 0, 0, Math.Cos(phi), 0, Math.Sin(phi), 0, 0 }, 4, 2);
        Close(new[] { 0.0, phi }, PrincipalAngles.Between(a, b), 1e-12, 1e-7);
    }

    [Fact]
    public void ADifferentBasisOfTheSameSubspaceGivesZeroAngles()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(31);
        Tensor a = torch.randn(new long[] { 30, 4 }, ScalarType.Float64);
        Tensor mix = torch.randn(new long[] { 4, 4 }, ScalarType.Float64) + torch.eye(4, dtype: ScalarType.Float64) * 3;
        Assert.True(PrincipalAngles.Largest(a, torch.mm(a, mix)) < 1e-7);
        Assert.True(PrincipalAngles.Largest(a, torch.randn(new long[] { 30, 4 }, ScalarType.Float64)) > 0.3);
    }

    [Fact]
    public void OrthogonalSubspacesAreAtARightAngle()
    {
        using var scope = torch.NewDisposeScope();
        Tensor a = Tensor64(new[] { 1.0, 0, 0, 0 }, 4, 1);
        Tensor b = Tensor64(new[] { 0.0, 0, 1, 0, 0, 0, 0, 1 }, 4, 2);   // span{e2, e4}
        Assert.Equal(Math.PI / 2, PrincipalAngles.Largest(a, b), 12);
    }

    [Fact]
    public void DependentColumnsAreAClearError()
    {
        using var scope = torch.NewDisposeScope();
        Tensor a = Tensor64(new[] { 1.0, 2, 2, 4, 3, 6 }, 3, 2);   // second column = 2 × first
        var e = Assert.Throws<ArgumentException>(() => PrincipalAngles.Between(a, torch.randn(new long[] { 3, 2 }, ScalarType.Float64)));
        Assert.Contains("linearly dependent", e.Message);
    }
}
