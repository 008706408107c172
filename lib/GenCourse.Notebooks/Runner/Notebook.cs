using System.Text.Json.Nodes;

namespace GenCourse.Notebooks.Runner;

/// <summary>
/// A Jupyter notebook (nbformat 4) held as its JSON tree, so that metadata and fields the
/// runner does not know survive a run unchanged. Read and write it with <see cref="NotebookFile"/>.
/// </summary>
public sealed class Notebook
{
    private readonly List<NotebookCell> cells;

    internal Notebook(JsonObject json)
    {
        Json = json;
        cells = ((JsonArray)json["cells"]!).Select((c, i) => new NotebookCell((JsonObject)c!, i + 1)).ToList();
    }

    internal JsonObject Json { get; }

    public IReadOnlyList<NotebookCell> Cells => cells;

    public int FormatMinor => Json["nbformat_minor"] is JsonValue v && v.TryGetValue(out int minor) ? minor : 0;

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

    /// <summary><c>metadata.gencourse</c>, the runner's own section (created when asked for).</summary>
    internal JsonObject GenCourseMetadata
    {
        get
        {
            if (Metadata["gencourse"] is JsonObject g) return g;
            var created = new JsonObject();
            Metadata["gencourse"] = created;
            return created;
        }
    }

    internal void InsertCell(int index, NotebookCell cell)
    {
        ((JsonArray)Json["cells"]!).Insert(index, cell.Json);
        cells.Insert(index, cell);
        Renumber();
    }

    internal void RemoveCell(NotebookCell cell)
    {
        ((JsonArray)Json["cells"]!).Remove(cell.Json);
        cells.Remove(cell);
        Renumber();
    }

    private void Renumber()
    {
        for (int i = 0; i < cells.Count; i++) cells[i].Number = i + 1;
    }

    /// <summary>A deep copy (the runner works on a copy, so the source stays as it was read).</summary>
    public Notebook Clone() => new((JsonObject)Json.DeepClone());
}
