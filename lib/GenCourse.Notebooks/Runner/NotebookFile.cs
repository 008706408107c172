using GenCourse.Checkpoints;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GenCourse.Notebooks.Runner;

/// <summary>Reads a notebook (checking that it is nbformat 4) and writes one the way VS Code does.</summary>
public static class NotebookFile
{
    private static readonly string[] CellKinds = ["code", "markdown", "raw"];

    public static Notebook Load(string path)
    {
        if (!File.Exists(path))
            throw new NotebookFormatException($"{path}: no such notebook file.");
        return Parse(File.ReadAllText(path, Encoding.UTF8), path);
    }

    /// <summary>Parses notebook JSON; <paramref name="name"/> names it in error messages.</summary>
    public static Notebook Parse(string text, string name)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false });
        }
        catch (JsonException e)
        {
            string where = e.LineNumber is long line ? $" at line {line + 1}, column {e.BytePositionInLine + 1}" : "";
            throw new NotebookFormatException($"{name} is not valid JSON{where}: {FirstSentence(e.Message)} A notebook is a JSON file; restore it from version control or re-save it in VS Code.");
        }
        if (root is not JsonObject json)
            throw new NotebookFormatException($"{name} is not a notebook: the top level must be a JSON object with \"cells\", \"metadata\" and \"nbformat\".");
        if (json["nbformat"] is not JsonValue formatValue || !formatValue.TryGetValue(out int format))
            throw new NotebookFormatException($"{name} is not a notebook: it has no integer \"nbformat\" field.");
        if (format != 4)
            throw new NotebookFormatException($"{name} is nbformat {format}; the runner reads nbformat 4. Open it in Jupyter or VS Code and save it to convert it.");
        if (json["cells"] is not JsonArray cells)
            throw new NotebookFormatException($"{name} is not a valid nbformat 4 notebook: it has no \"cells\" array.");
        if (json["metadata"] is not null and not JsonObject)
            throw new NotebookFormatException($"{name}: \"metadata\" must be an object.");

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < cells.Count; i++)
        {
            string label = $"{name}: cell {i + 1}";
            if (cells[i] is not JsonObject cell)
                throw new NotebookFormatException($"{label} is not a JSON object.");
            if (cell["cell_type"] is not JsonValue kindValue || !kindValue.TryGetValue(out string? kind) || !CellKinds.Contains(kind))
                throw new NotebookFormatException($"{label} has no valid \"cell_type\" (expected one of {string.Join(", ", CellKinds)}).");
            _ = MultilineText.Join(cell["source"], $"{label}: \"source\"");
            if (cell["id"] is JsonNode idNode)
            {
                if (idNode is not JsonValue idValue || !idValue.TryGetValue(out string? id) || !IsValidId(id))
                    throw new NotebookFormatException($"{label} has an invalid \"id\" {idNode.ToJsonString()}: nbformat 4.5 ids are 1-64 characters of letters, digits, '-' and '_'.");
                if (!ids.Add(id))
                    throw new NotebookFormatException($"{label} repeats the cell id \"{id}\"; ids must be unique. Rename one of them.");
            }
            if (cell["metadata"] is not null and not JsonObject)
                throw new NotebookFormatException($"{label}: \"metadata\" must be an object.");
        }

        var notebook = new Notebook(json);
        AssignMissingIds(notebook, ids);
        return notebook;
    }

    /// <summary>nbformat ≥ 4.5 requires ids; older files get "cell-N" ids only when upgraded.</summary>
    private static void AssignMissingIds(Notebook notebook, HashSet<string> taken)
    {
        if (notebook.FormatMinor < 5) return;
        foreach (NotebookCell cell in notebook.Cells)
        {
            if (cell.Id is not null) continue;
            string id = $"cell-{cell.Number}";
            for (int k = 2; taken.Contains(id); k++) id = $"cell-{cell.Number}-{k}";
            taken.Add(id);
            cell.Json["id"] = id;
        }
    }

    internal static bool IsValidId(string id) =>
        id.Length is >= 1 and <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>The notebook's JSON text: sorted keys, one-space indent, LF, trailing newline.</summary>
    public static string Serialize(Notebook notebook) => NotebookJsonWriter.Write(notebook.Json);

    /// <summary>Writes atomically: a temporary file beside the target, then a rename.</summary>
    public static void Save(Notebook notebook, string path) => AtomicFile.WriteAllText(path, Serialize(notebook));

    private static string FirstSentence(string message)
    {
        int cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        string s = (cut > 0 ? message[..cut] : message).Trim();
        return s.EndsWith('.') ? s : s + ".";
    }
}
