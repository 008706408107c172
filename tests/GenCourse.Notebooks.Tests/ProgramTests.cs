namespace GenCourse.Notebooks.Tests;

public class ProgramTests
{
    [Fact]
    public void NoArgumentsIsAUsageError() => Assert.Equal(2, Program.Main(Array.Empty<string>()));
}
