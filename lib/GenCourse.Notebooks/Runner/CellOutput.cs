using System.Text;
using System.Text.Json.Nodes;
using GenCourse.Notebooks.Runner.Formatting;

namespace GenCourse.Notebooks.Runner;

/// <summary>One output of a cell while it runs; rendered to nbformat JSON when the run ends.</summary>
internal abstract class CellOutput
{
    public abstract JsonObject ToJson();

    /// <summary>Console text; consecutive writes to one stream join into one output, as in Jupyter.</summary>
    internal sealed class Stream(string name) : CellOutput
    {
        public string Name { get; } = name;

        public StringBuilder Text { get; } = new();

        public override JsonObject ToJson() => new()
        {
            ["name"] = Name,
            ["output_type"] = "stream",
            ["text"] = MultilineText.Split(Text.ToString()),
        };
    }

    /// <summary>A <c>display(x)</c>; its bundle is replaced by <see cref="DisplayedValue.Update"/>.</summary>
    internal sealed class Display(MimeBundle bundle, string displayId) : CellOutput
    {
        public MimeBundle Bundle { get; set; } = bundle;

        public string DisplayId { get; } = displayId;

        public override JsonObject ToJson() => new()
        {
            ["data"] = Bundle.ToJson(),
            ["metadata"] = new JsonObject(),
            ["output_type"] = "display_data",
        };
    }

    /// <summary>The cell's last expression.</summary>
    internal sealed class Result(MimeBundle bundle, int executionCount) : CellOutput
    {
        public MimeBundle Bundle { get; } = bundle;

        public override JsonObject ToJson() => new()
        {
            ["data"] = Bundle.ToJson(),
            ["execution_count"] = executionCount,
            ["metadata"] = new JsonObject(),
            ["output_type"] = "execute_result",
        };
    }

    /// <summary>An exception, a compile error or a timeout.</summary>
    internal sealed class Error(string name, string value, IReadOnlyList<string> traceback) : CellOutput
    {
        public override JsonObject ToJson() => new()
        {
            ["ename"] = name,
            ["evalue"] = value,
            ["output_type"] = "error",
            ["traceback"] = new JsonArray(traceback.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray()),
        };
    }
}
