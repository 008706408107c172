namespace GenCourse.Tests;

public class PathsTests
{
    [Fact]
    public void RepoRootHoldsTheSolution() => Assert.True(File.Exists(Path.Combine(Paths.RepoRoot, "GenCourse.sln")));
}
