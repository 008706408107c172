using System.Text.Json.Nodes;
using GenCourse.Notebooks.Cli;

namespace GenCourse.Notebooks.Tests.Cli;

public class RunCommandTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = RunCommand.Execute(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void AFailureExitsNonZeroNamesTheCellAndStillWritesTheExecutedNotebook()
    {
        using var dir = new TempDir();
        string source = Fixtures.PathOf("failing.ipynb");
        string before = File.ReadAllText(source);

        var (code, _, err) = Run(source, "--out", dir.Path);

        Assert.Equal(1, code);
        Assert.StartsWith("failing.ipynb: cell 3 (id boom), line 3: InvalidOperationException: x + y = 3\n", err);
        var executed = (JsonObject)JsonNode.Parse(File.ReadAllText(dir.File("failing.ipynb")))!;
        Assert.Equal("error", (string)Fixtures.Outputs(executed, "boom").Single()!["output_type"]!);
        Assert.Equal(before, File.ReadAllText(source));
    }

    [Fact]
    public void TheExecutedNotebookIsWrittenAsVsCodeWritesItAndFiguresBesideIt()
    {
        using var dir = new TempDir();
        var (code, output, err) = Run(Fixtures.PathOf("display.ipynb"), "--out", dir.Path);
        Assert.True(code == 0, err);
        Assert.Contains("display.ipynb: ran in", output);
        Assert.Contains("(3 figures in", output);

        string text = File.ReadAllText(dir.File("display.ipynb"));
        Assert.EndsWith("}\n", text);
        Assert.DoesNotContain("\r", text);
        Assert.StartsWith("{\n \"cells\": [\n  {\n", text);

        byte[] png = File.ReadAllBytes(dir.File("display/figure-1.png"));
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        Assert.Contains("<title>training loss</title>", File.ReadAllText(dir.File("display/figure-2.svg")));
        Assert.Contains("<title>as a result</title>", File.ReadAllText(dir.File("display/figure-3.svg")));
    }

    [Fact]
    public void ARerunReplacesStaleFigures()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.File("result"));
        File.WriteAllText(dir.File("result/figure-9.png"), "stale");
        Assert.Equal(0, Run(Fixtures.PathOf("result.ipynb"), "--out", dir.Path).Code);
        Assert.Empty(Directory.GetFiles(dir.File("result")));
    }

    [Fact]
    public void InPlaceRewritesTheSourceNotebook()
    {
        using var dir = new TempDir();
        string copy = dir.File("result.ipynb");
        File.Copy(Fixtures.PathOf("result.ipynb"), copy);
        Assert.Equal(0, Run(copy, "--in-place", "--out", dir.File("out")).Code);
        var rewritten = (JsonObject)JsonNode.Parse(File.ReadAllText(copy))!;
        Assert.Equal("42", Fixtures.Text(Fixtures.Outputs(rewritten, "value").Single()!["data"]!["text/plain"]));
        Assert.Equal(File.ReadAllText(copy), File.ReadAllText(dir.File("out/result.ipynb")));
    }

    [Fact]
    public void ParamsAreParsedFromTheCommandLine()
    {
        using var dir = new TempDir();
        var (code, _, err) = Run(Fixtures.PathOf("parameters.ipynb"), "--param", "epochs=4", "--param=device=cuda", "--out", dir.Path);
        Assert.True(code == 0, err);
        var executed = (JsonObject)JsonNode.Parse(File.ReadAllText(dir.File("parameters.ipynb")))!;
        string shown = Fixtures.Text(Fixtures.Outputs(executed, "show")[0]!["text"]);
        Assert.StartsWith("epochs=4 (Int32)", shown);
        Assert.Contains("device=cuda", shown);
    }

    [Fact]
    public void RefusedInputExitsWithTwoAndWritesNothing()
    {
        using var dir = new TempDir();
        var unknown = Run(Fixtures.PathOf("parameters.ipynb"), "--param", "nope=1", "--out", dir.Path);
        Assert.Equal(2, unknown.Code);
        Assert.Contains("has no parameter 'nope'", unknown.Err);
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));

        var invalid = Run(Fixtures.PathOf("invalid-json.ipynb"), "--out", dir.Path);
        Assert.Equal(2, invalid.Code);
        Assert.Contains("is not valid JSON", invalid.Err);

        Assert.Equal(2, Run(dir.File("missing.ipynb")).Code);
    }

    [Theory]
    [InlineData(new string[0], "run: which notebook?")]
    [InlineData(new[] { "a.ipynb", "--timeout", "soon" }, "--timeout takes a positive number of seconds; got 'soon'")]
    [InlineData(new[] { "a.ipynb", "--param", "novalue" }, "--param takes NAME=VALUE; got 'novalue'")]
    [InlineData(new[] { "a.ipynb", "--bogus" }, "unknown option '--bogus'")]
    [InlineData(new[] { "a.ipynb", "b.ipynb" }, "one notebook at a time")]
    public void UsageErrorsExitWithTwo(string[] args, string message)
    {
        var (code, _, err) = Run(args);
        Assert.Equal(2, code);
        Assert.Contains(message, err);
    }
}
