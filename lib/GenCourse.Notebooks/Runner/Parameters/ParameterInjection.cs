using System.Text;
using System.Text.Json.Nodes;

namespace GenCourse.Notebooks.Runner.Parameters;

/// <summary>
/// Papermill's convention, with typed assignments: a cell tagged <c>injected-parameters</c>
/// right after the first cell tagged <c>parameters</c> (replacing one a previous run left),
/// holding <c>name = literal;</c> lines, and <c>metadata.papermill.parameters</c>.
/// Assignments (not papermill's <c>var</c> redeclarations) keep the declared type and
/// survive export to a single-file app.
/// </summary>
public static class ParameterInjection
{
    public static void Apply(Notebook notebook, IReadOnlyList<ParameterValue> values)
    {
        if (values.Count == 0) return;
        NotebookCell parameters = ParametersCell.Find(notebook)
            ?? throw new InvalidOperationException("parameter values without a parameters cell");

        foreach (NotebookCell stale in notebook.Cells.Where(c => c.HasTag(ParametersCell.InjectedTag)).ToList())
            notebook.RemoveCell(stale);

        var source = new StringBuilder("// Parameters injected by `gencourse run` (papermill's convention)\n");
        foreach (ParameterValue v in values) source.Append($"{v.Declaration.Name} = {v.CSharpLiteral};\n");

        string id = UniqueId(notebook, ParametersCell.InjectedTag);
        NotebookCell injected = NotebookCell.NewCode(id, source.ToString().TrimEnd('\n'), ParametersCell.InjectedTag);
        // Cell ids exist from nbformat 4.5 on; an older file must not gain one.
        if (notebook.FormatMinor < 5) injected.Json.Remove("id");
        int at = notebook.Cells.ToList().IndexOf(parameters) + 1;
        notebook.InsertCell(at, injected);

        if (notebook.Metadata["papermill"] is not JsonObject papermill)
        {
            papermill = new JsonObject();
            notebook.Metadata["papermill"] = papermill;
        }
        var recorded = new JsonObject();
        foreach (ParameterValue v in values) recorded[v.Declaration.Name] = v.Json;
        papermill["parameters"] = recorded;
    }

    private static string UniqueId(Notebook notebook, string wanted)
    {
        var taken = notebook.Cells.Select(c => c.Id).OfType<string>().ToHashSet(StringComparer.Ordinal);
        string id = wanted;
        for (int k = 2; taken.Contains(id); k++) id = $"{wanted}-{k}";
        return id;
    }
}
