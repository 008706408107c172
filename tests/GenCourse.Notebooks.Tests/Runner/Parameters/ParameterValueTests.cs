using System.Text.Json;
using GenCourse.Notebooks.Runner;
using GenCourse.Notebooks.Runner.Parameters;

namespace GenCourse.Notebooks.Tests.Runner.Parameters;

public class ParameterValueTests
{
    private static ParameterDeclaration Declared(string line) => ParametersCell.Read(line).Single();

    [Theory]
    [InlineData("int n = 1;", "7", "7")]
    [InlineData("int n = 1;", "-3", "-3")]
    [InlineData("long n = 1;", "9000000000", "9000000000L")]
    [InlineData("double lr = 0.1;", "1e-3", "0.001")]
    [InlineData("double lr = 0.1;", "2", "2")]
    [InlineData("double lr = 0.1;", "NaN", "double.NaN")]
    [InlineData("float s = 1f;", "0.5", "0.5f")]
    [InlineData("decimal m = 1m;", "0.10", "0.10m")]
    [InlineData("bool b = false;", "True", "true")]
    [InlineData("string s = \"\";", "say \"hi\"\n", "\"say \\\"hi\\\"\\n\"")]
    [InlineData("char c = 'a';", "'", "'\\''")]
    [InlineData("int? k = 1;", "null", "null")]
    [InlineData("long[] sizes = { 1 };", "3, 4", "new long[] { 3L, 4L }")]
    [InlineData("int[] sizes = { 1 };", "[5,6]", "new int[] { 5, 6 }")]
    [InlineData("string[] names = { };", "", "new string[] {  }")]
    public void CommandLineTextBecomesATypedLiteral(string declaration, string text, string literal) =>
        Assert.Equal(literal, ParameterValue.Parse(Declared(declaration), text, "--param").CSharpLiteral);

    [Theory]
    [InlineData("int n = 1;", "abc", "'abc' is not a int for parameter 'n' (declared `int n = 1;`)")]
    [InlineData("int n = 1;", "1.5", "'1.5' is not a int")]
    [InlineData("int n = 1;", "3000000000", "'3000000000' is not a int")]
    [InlineData("double lr = 0.1;", "1,5", "'1,5' is not a double")]
    [InlineData("bool b = false;", "yes", "'yes' is not a bool")]
    [InlineData("int n = 1;", "null", "'null' is not a int")]
    [InlineData("char c = 'a';", "ab", "'ab' is not a char")]
    [InlineData("Device d = Device.CPU;", "cuda", "a type the runner cannot set")]
    public void UnparsableTextIsAnError(string declaration, string text, string message)
    {
        var e = Assert.Throws<NotebookFormatException>(() => ParameterValue.Parse(Declared(declaration), text, "--param x"));
        Assert.Contains(message, e.Message);
        Assert.StartsWith("--param x: ", e.Message);
    }

    [Theory]
    [InlineData("int n = 1;", "4", "4")]
    [InlineData("int n = 1;", "\"4\"", "4")]
    [InlineData("double lr = 0.1;", "0.25", "0.25")]
    [InlineData("bool b = false;", "true", "true")]
    [InlineData("string s = \"\";", "\"cuda\"", "\"cuda\"")]
    [InlineData("double[] xs = { };", "[1, 2.5]", "new double[] { 1, 2.5 }")]
    [InlineData("string? s = \"\";", "null", "null")]
    public void JsonValuesBecomeTypedLiterals(string declaration, string json, string literal)
    {
        using JsonDocument doc = JsonDocument.Parse(json);
        Assert.Equal(literal, ParameterValue.FromJson(Declared(declaration), doc.RootElement, "file").CSharpLiteral);
    }

    [Theory]
    [InlineData("int n = 1;", "1.5")]
    [InlineData("string s = \"\";", "3")]
    [InlineData("bool b = false;", "1")]
    [InlineData("int[] xs = { };", "3")]
    [InlineData("int n = 1;", "null")]
    public void MismatchedJsonIsAnError(string declaration, string json)
    {
        using JsonDocument doc = JsonDocument.Parse(json);
        Assert.Throws<NotebookFormatException>(() => ParameterValue.FromJson(Declared(declaration), doc.RootElement, "file"));
    }

    [Fact]
    public void TheRecordedJsonKeepsTheType()
    {
        Assert.Equal("3", ParameterValue.Parse(Declared("int n = 1;"), "3", "p").Json!.ToJsonString());
        Assert.Equal("0.5", ParameterValue.Parse(Declared("double x = 1;"), "0.5", "p").Json!.ToJsonString());
        Assert.Equal("\"a\"", ParameterValue.Parse(Declared("string s = \"\";"), "a", "p").Json!.ToJsonString());
        Assert.Equal("[1,2]", ParameterValue.Parse(Declared("long[] s = {};"), "1,2", "p").Json!.ToJsonString());
    }
}
