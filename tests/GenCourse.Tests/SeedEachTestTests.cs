using GenCourse.Testing;

namespace GenCourse.Tests;

public class SeedEachTestTests
{
    [Fact]
    public void EveryTestStartsFromTheSeedOfItsName()
    {
        float[] drawn = torch.rand(5).ToArray<float>();   // the first draw of this test
        torch.manual_seed(SeedEachTestAttribute.SeedFor(typeof(SeedEachTestTests).GetMethod(nameof(EveryTestStartsFromTheSeedOfItsName))!));
        Assert.Equal(torch.rand(5).ToArray<float>(), drawn);
    }

    [Fact]
    public void DifferentTestsGetDifferentSeeds()
    {
        Assert.NotEqual(SeedEachTestAttribute.SeedFor("A.B", 0), SeedEachTestAttribute.SeedFor("A.C", 0));
        Assert.NotEqual(SeedEachTestAttribute.SeedFor("A.B", 0), SeedEachTestAttribute.SeedFor("A.B", 1));
        Assert.InRange(SeedEachTestAttribute.SeedFor("A.B", -7), 0, long.MaxValue);
    }
}
