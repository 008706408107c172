namespace GenCourse.Notebooks.Tests;

public class ProgramTests
{
    [Fact]
    public void NoArgumentsIsAUsageError() => Assert.Equal(2, Program.Main(Array.Empty<string>()));

    [Fact]
    public void AnUnknownCommandIsAUsageErrorNamingIt()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        Assert.Equal(2, Program.Run(["frobnicate"], output, error));
        Assert.StartsWith("gencourse: 'frobnicate' is not a command of this build.", error.ToString());
        Assert.Contains("doctor", error.ToString());
    }

    [Fact]
    public void HelpListsTheCommandsOnStdout()
    {
        var output = new StringWriter();
        Assert.Equal(0, Program.Run(["--help"], output, new StringWriter()));
        Assert.Contains("doctor", output.ToString());
    }
}
