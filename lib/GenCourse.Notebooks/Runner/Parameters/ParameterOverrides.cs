using System.Text.Json;
using System.Text.Json.Nodes;

namespace GenCourse.Notebooks.Runner.Parameters;

/// <summary>
/// Where overrides come from, lowest precedence first: the notebook's own quick profile
/// (<c>metadata.gencourse.quick</c>, with <c>--quick</c>), a JSON file
/// (<c>--params-file</c>), then each <c>--param name=value</c>.
/// </summary>
public sealed record ParameterOverrides(bool Quick = false, string? ParamsFile = null, IReadOnlyList<KeyValuePair<string, string>>? Params = null)
{
    public bool IsEmpty => !Quick && ParamsFile is null && (Params is null || Params.Count == 0);

    /// <summary>
    /// Parses every override against the declarations of the notebook's <c>parameters</c> cell.
    /// Unknown names and unparsable values are errors, raised before any cell runs.
    /// </summary>
    public IReadOnlyList<ParameterValue> Resolve(Notebook notebook, string notebookName)
    {
        NotebookCell? cell = ParametersCell.Find(notebook);
        IReadOnlyList<ParameterDeclaration> declared = cell is null ? [] : ParametersCell.Read(cell.Source);
        var byName = new Dictionary<string, ParameterDeclaration>(StringComparer.Ordinal);
        foreach (ParameterDeclaration d in declared) byName.TryAdd(d.Name, d);
        var values = new Dictionary<string, ParameterValue>(StringComparer.Ordinal);

        if (Quick)
        {
            JsonNode? quick = notebook.Metadata["gencourse"]?["quick"];
            if (quick is not JsonObject profile)
                throw new NotebookFormatException(
                    $"{notebookName} has no quick profile: add \"gencourse\": {{\"quick\": {{…}}}} to the notebook metadata with the parameter values of a CPU smoke run " +
                    "(an empty object if the defaults are already quick).");
            foreach (var (name, value) in profile)
                Add(name, JsonElementOf(value), $"{notebookName} quick profile (metadata.gencourse.quick)");
        }

        if (ParamsFile is not null)
        {
            if (!File.Exists(ParamsFile)) throw new NotebookFormatException($"--params-file {ParamsFile}: no such file.");
            JsonElement root;
            try
            {
                using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(ParamsFile));
                root = doc.RootElement.Clone();
            }
            catch (JsonException e)
            {
                throw new NotebookFormatException($"--params-file {ParamsFile} is not valid JSON: {e.Message}");
            }
            if (root.ValueKind != JsonValueKind.Object)
                throw new NotebookFormatException($"--params-file {ParamsFile} must hold a JSON object such as {{\"epochs\": 2}}.");
            foreach (JsonProperty p in root.EnumerateObject()) Add(p.Name, p.Value, $"--params-file {ParamsFile}");
        }

        foreach (var (name, text) in Params ?? [])
        {
            ParameterDeclaration d = Declared(name, $"--param {name}={text}");
            values[name] = ParameterValue.Parse(d, text, $"--param {name}={text}");
        }

        // Declaration order, so the injected cell reads like the parameters cell.
        return declared.Select(d => d.Name).Distinct().Where(values.ContainsKey).Select(n => values[n]).ToList();

        void Add(string name, JsonElement json, string origin)
        {
            ParameterDeclaration d = Declared(name, origin);
            values[name] = ParameterValue.FromJson(d, json, $"{origin}: {name}");
        }

        ParameterDeclaration Declared(string name, string origin)
        {
            if (cell is null)
                throw new NotebookFormatException(
                    $"{origin}: {notebookName} has no cell tagged \"{ParametersCell.Tag}\", so it takes no parameters. Tag the cell that declares its knobs.");
            if (byName.TryGetValue(name, out ParameterDeclaration? d)) return d;
            string known = byName.Count == 0 ? "it declares none" : "it declares: " + string.Join(", ", byName.Keys);
            throw new NotebookFormatException($"{origin}: {notebookName} has no parameter '{name}' in its {cell.Label} tagged \"{ParametersCell.Tag}\" ({known}).");
        }
    }

    private static JsonElement JsonElementOf(JsonNode? node)
    {
        using JsonDocument doc = JsonDocument.Parse(node?.ToJsonString() ?? "null");
        return doc.RootElement.Clone();
    }
}
