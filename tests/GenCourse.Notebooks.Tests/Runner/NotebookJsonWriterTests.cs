using System.Text.Json.Nodes;
using GenCourse.Notebooks.Runner;

namespace GenCourse.Notebooks.Tests.Runner;

public class NotebookJsonWriterTests
{
    [Fact]
    public void WritesWhatPythonsJsonDumpsWritesWithSortKeysAndIndentOne()
    {
        // json.dumps({"b": [1, {}], "a": "x\n\"é\u0001", "c": [], "d": None, "e": True}, sort_keys=True, indent=1, ensure_ascii=False) + "\n"
        var node = new JsonObject
        {
            ["b"] = new JsonArray(1, new JsonObject()),
            ["a"] = "x\n\"é\u0001",
            ["c"] = new JsonArray(),
            ["d"] = null,
            ["e"] = true,
        };
        const string Expected = "{\n \"a\": \"x\\n\\\"é\\u0001\",\n \"b\": [\n  1,\n  {}\n ],\n \"c\": [],\n \"d\": null,\n \"e\": true\n}\n";
        Assert.Equal(Expected, NotebookJsonWriter.Write(node));
    }

    [Fact]
    public void KeysSortByCodePointNotByCulture()
    {
        var node = new JsonObject { ["b"] = 1, ["B"] = 2, ["_"] = 3, ["a"] = 4 };
        Assert.Equal("{\n \"B\": 2,\n \"_\": 3,\n \"a\": 4,\n \"b\": 1\n}\n", NotebookJsonWriter.Write(node));
    }

    [Theory]
    [InlineData(0.1, "0.1")]
    [InlineData(1.0, "1.0")]
    [InlineData(4.405, "4.405")]
    [InlineData(1e-05, "1e-05")]
    [InlineData(1e+16, "1e+16")]
    [InlineData(-2.5e-07, "-2.5e-07")]
    [InlineData(1e15, "1000000000000000.0")]
    [InlineData(123456789.125, "123456789.125")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00012, "0.00012")]
    [InlineData(1.5e300, "1.5e+300")]
    [InlineData(0.0, "0.0")]
    public void DoublesAreWrittenAsPythonsReprWritesThem(double value, string expected) =>
        Assert.Equal(expected, NotebookJsonWriter.FormatDouble(value));

    [Fact]
    public void NumbersReadFromAFileKeepTheirText()
    {
        var node = JsonNode.Parse("{\"x\": 1.50, \"y\": 1e3}");
        Assert.Equal("{\n \"x\": 1.50,\n \"y\": 1e3\n}\n", NotebookJsonWriter.Write(node));
    }
}
