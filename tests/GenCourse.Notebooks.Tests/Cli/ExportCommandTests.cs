using GenCourse.Notebooks.Cli;

namespace GenCourse.Notebooks.Tests.Cli;

public class ExportCommandTests
{
    [Fact]
    public void WritesTheFileAndRefusesWhatCannotBeExported()
    {
        using var dir = new TempDir();
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        Assert.Equal(0, ExportCommand.Execute([Fixtures.PathOf("export.ipynb"), "-o", dir.File("lesson.cs")], stdout, stderr));
        Assert.StartsWith("#:property PublishAot=false\n", File.ReadAllText(dir.File("lesson.cs")));

        Assert.Equal(2, ExportCommand.Execute([Fixtures.PathOf("export.ipynb"), "-o", dir.File("lesson.txt")], stdout, stderr));
        Assert.Contains("the output must be a .cs file", stderr.ToString());
    }
}
