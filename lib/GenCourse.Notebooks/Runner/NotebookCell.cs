using System.Text.Json.Nodes;

namespace GenCourse.Notebooks.Runner;

/// <summary>
/// One cell of a <see cref="Notebook"/>, a view over its JSON object: whatever the runner
/// does not own (metadata it does not know, attachments) is kept as it was read.
/// </summary>
public sealed class NotebookCell
{
    internal NotebookCell(JsonObject json, int number)
    {
        Json = json;
        Number = number;
    }

    /// <summary>The cell's JSON, written back as it is apart from what the runner sets.</summary>
    internal JsonObject Json { get; }

    /// <summary>1-based position in the notebook, counting every cell (what a reader counts).</summary>
    public int Number { get; internal set; }

    /// <summary>"code", "markdown" or "raw".</summary>
    public string Kind => (string)Json["cell_type"]!;

    public bool IsCode => Kind == "code";

    /// <summary>The nbformat 4.5 cell id, or null in older notebooks.</summary>
    public string? Id => Json["id"] is JsonValue v && v.TryGetValue(out string? id) ? id : null;

    /// <summary>"cell 3 (id body)": how errors name a cell.</summary>
    public string Label => Id is null ? $"cell {Number}" : $"cell {Number} (id {Id})";

    public string Source
    {
        get => MultilineText.Join(Json["source"], $"{Label}: \"source\"");
        set => Json["source"] = MultilineText.Split(value);
    }

    public JsonObject Metadata
    {
        get
        {
            if (Json["metadata"] is JsonObject m) return m;
            var created = new JsonObject();
            Json["metadata"] = created;
            return created;
        }
    }

    public IReadOnlyList<string> Tags =>
        Json["metadata"]?["tags"] is JsonArray tags
            ? tags.Select(t => t is JsonValue v && v.TryGetValue(out string? s) ? s : "").ToList()
            : [];

    public bool HasTag(string tag) => Tags.Contains(tag, StringComparer.Ordinal);

    /// <summary>
    /// The kernel the cell is for: <c>polyglot_notebook.kernelName</c>, else
    /// <c>dotnet_interactive.language</c>, else a leading <c>#!name</c> line, else C#
    /// (the order Polyglot reads them).
    /// </summary>
    public string KernelName
    {
        get
        {
            if (Json["metadata"]?["polyglot_notebook"]?["kernelName"] is JsonValue p && p.TryGetValue(out string? pk)) return pk;
            if (Json["metadata"]?["dotnet_interactive"]?["language"] is JsonValue d && d.TryGetValue(out string? dk)) return dk;
            string first = Source.Split('\n')[0].Trim();
            if (first.StartsWith("#!", StringComparison.Ordinal) && first.Length > 2 && !first.Contains(' '))
            {
                string name = first[2..];
                if (IsKernelName(name)) return name;
            }
            return "csharp";
        }
    }

    internal static bool IsKernelName(string name) =>
        name is "csharp" or "c#" or "C#" or "fsharp" or "f#" or "F#" or "pwsh" or "powershell"
            or "javascript" or "js" or "html" or "markdown" or "md" or "mermaid" or "sql" or "kql"
            or "value" or "http" or "python" or "r";

    public bool IsCSharp => KernelName is "csharp" or "c#" or "C#";

    /// <summary>The cell's outputs (created empty when absent).</summary>
    internal JsonArray Outputs
    {
        get
        {
            if (Json["outputs"] is JsonArray o) return o;
            var created = new JsonArray();
            Json["outputs"] = created;
            return created;
        }
    }

    /// <summary>Clears what a previous run left: outputs and the execution count.</summary>
    internal void ClearExecution()
    {
        Json["outputs"] = new JsonArray();
        Json["execution_count"] = null;
    }

    internal void SetExecutionCount(int count) => Json["execution_count"] = count;

    /// <summary>A new C# code cell marked the way .NET Interactive marks them.</summary>
    internal static NotebookCell NewCode(string id, string source, params string[] tags)
    {
        var metadata = new JsonObject
        {
            ["dotnet_interactive"] = new JsonObject { ["language"] = "csharp" },
            ["polyglot_notebook"] = new JsonObject { ["kernelName"] = "csharp" },
        };
        if (tags.Length > 0) metadata["tags"] = new JsonArray(tags.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray());
        var json = new JsonObject
        {
            ["cell_type"] = "code",
            ["execution_count"] = null,
            ["id"] = id,
            ["metadata"] = metadata,
            ["outputs"] = new JsonArray(),
            ["source"] = MultilineText.Split(source),
        };
        return new NotebookCell(json, 0);
    }
}
