namespace GenCourse.Notebooks.Runner;

/// <summary>An image a run displayed, numbered in order across the notebook (figure-1.png, figure-2.svg, …).</summary>
public sealed record Figure(int Number, int CellNumber, string Extension, byte[] Content)
{
    public string FileName => $"figure-{Number}.{Extension}";
}
