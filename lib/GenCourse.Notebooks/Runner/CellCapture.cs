using System.Text.Json.Nodes;
using GenCourse.Notebooks.Runner.Formatting;

namespace GenCourse.Notebooks.Runner;

/// <summary>
/// Collects what one cell produces (streams, displays, its result, an error). Every capture of
/// a run shares the run's lock, so a display handle may update an earlier cell, and once the
/// run is <see cref="RunSession.Freeze">frozen</see> late writes from an abandoned cell are dropped.
/// </summary>
internal sealed class CellCapture(RunSession session, NotebookCell cell)
{
    private readonly List<CellOutput> outputs = [];

    public NotebookCell Cell { get; } = cell;

    public RunSession Session { get; } = session;

    public void Write(string stream, string text)
    {
        if (text.Length == 0) return;
        lock (Session.Gate)
        {
            if (Session.IsFrozen) return;
            if (outputs.Count == 0 || outputs[^1] is not CellOutput.Stream last || last.Name != stream)
            {
                last = new CellOutput.Stream(stream);
                outputs.Add(last);
            }
            last.Text.Append(text);
        }
    }

    public DisplayedValue Display(object? value, string[] mimeTypes)
    {
        MimeBundle bundle = ValueFormatter.Format(value, mimeTypes);
        lock (Session.Gate)
        {
            var output = new CellOutput.Display(bundle, Session.NextDisplayId());
            if (!Session.IsFrozen) outputs.Add(output);
            return new DisplayedValue(this, output, mimeTypes);
        }
    }

    public void Update(CellOutput.Display output, object? value, string[] mimeTypes)
    {
        MimeBundle bundle = ValueFormatter.Format(value, mimeTypes);
        lock (Session.Gate)
        {
            if (!Session.IsFrozen) output.Bundle = bundle;
        }
    }

    public void Add(CellOutput output)
    {
        lock (Session.Gate)
        {
            if (!Session.IsFrozen) outputs.Add(output);
        }
    }

    /// <summary>The cell's stdout text so far (metrics are read from it).</summary>
    public string StandardOutput
    {
        get
        {
            lock (Session.Gate)
                return string.Concat(outputs.OfType<CellOutput.Stream>().Where(s => s.Name == "stdout").Select(s => s.Text.ToString()));
        }
    }

    /// <summary>The bundles of displays and the result, in order (figures are written from them).</summary>
    public IReadOnlyList<MimeBundle> Bundles
    {
        get
        {
            lock (Session.Gate)
                return outputs.Select(o => o switch
                {
                    CellOutput.Display d => d.Bundle,
                    CellOutput.Result r => r.Bundle,
                    _ => null,
                }).OfType<MimeBundle>().ToList();
        }
    }

    /// <summary>Writes the outputs into the cell's JSON.</summary>
    public void Render()
    {
        lock (Session.Gate)
            Cell.Json["outputs"] = new JsonArray(outputs.Select(o => (JsonNode?)o.ToJson()).ToArray());
    }
}
