using GenCourse.Autoencoders;
using static GenCourse.Tests.Autoencoders.Numerics;

namespace GenCourse.Tests.Autoencoders;

public class NearestNeighbourTests
{
    [Fact]
    public void GivesTheErrorPerPixelToTheNearestReferenceImage()
    {
        using var scope = torch.NewDisposeScope();
        Tensor reference = Tensor64(new[] { 0.0, 0, 1, 1, 0, 1 }, 3, 2);
        Tensor samples = Tensor64(new[] { 0.9, 1.0, 0.1, 0.0, 0.2, 0.6 }, 3, 2);
        // nearest: (1, 1) → (0.01 + 0)/2; (0, 0) → (0.01 + 0)/2; (0, 1) → (0.04 + 0.16)/2
        Close(new[] { 0.005, 0.005, 0.1 }, Values(NearestNeighbour.MeanSquaredDistance(samples, reference)), 1e-5, 1e-7);
    }

    [Fact]
    public void ChunkingTheReferenceChangesNothing()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(111);
        Tensor reference = torch.rand(50, 1, 4, 4), samples = torch.rand(7, 1, 4, 4);
        Close(Values(NearestNeighbour.MeanSquaredDistance(samples, reference, chunk: 1000)),
              Values(NearestNeighbour.MeanSquaredDistance(samples, reference, chunk: 3)), 1e-6, 1e-7);
        Assert.All(Values(NearestNeighbour.MeanSquaredDistance(reference.narrow(0, 10, 5), reference)), v => Assert.Equal(0.0, v, 6));
    }

    [Fact]
    public void ImagesOfAnotherSizeAreAClearError()
    {
        using var scope = torch.NewDisposeScope();
        var e = Assert.Throws<ArgumentException>(() => NearestNeighbour.MeanSquaredDistance(torch.rand(2, 5), torch.rand(3, 4)));
        Assert.Contains("same number of values", e.Message);
    }
}
