using System.Text.Json.Nodes;
using GenCourse.Notebooks.Runner;

namespace GenCourse.Notebooks.Tests;

/// <summary>The fixture notebooks under Fixtures/ in the source tree (their #r paths are relative to it).</summary>
internal static class Fixtures
{
    public static string Dir => Path.Combine(Paths.RepoRoot, "tests", "GenCourse.Notebooks.Tests", "Fixtures");

    public static string PathOf(string name) => Path.Combine(Dir, name);

    public static Notebook Load(string name) => NotebookFile.Load(PathOf(name));

    public static RunResult Run(string name, RunOptions? options = null) =>
        NotebookRunner.RunAsync(Load(name), PathOf(name), options ?? new RunOptions()).GetAwaiter().GetResult();

    /// <summary>The executed notebook as JSON, read back the way a reader of the file sees it.</summary>
    public static JsonObject Json(Notebook notebook) => (JsonObject)JsonNode.Parse(NotebookFile.Serialize(notebook))!;

    public static JsonObject Cell(JsonObject notebook, string id) =>
        (JsonObject)((JsonArray)notebook["cells"]!).Single(c => (string?)c!["id"] == id)!;

    public static JsonArray Outputs(JsonObject notebook, string id) => (JsonArray)Cell(notebook, id)["outputs"]!;

    /// <summary>A multiline string (array of lines or one string) joined.</summary>
    public static string Text(JsonNode? node) => node switch
    {
        JsonArray lines => string.Concat(lines.Select(l => (string)l!)),
        JsonValue v => (string)v!,
        _ => throw new ArgumentException($"not text: {node?.ToJsonString()}"),
    };
}

