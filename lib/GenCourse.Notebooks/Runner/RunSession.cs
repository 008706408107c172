namespace GenCourse.Notebooks.Runner;

/// <summary>The state one notebook run shares across its cells: the lock, display ids, the freeze.</summary>
internal sealed class RunSession
{
    private int displays;

    public object Gate { get; } = new();

    public bool IsFrozen { get; private set; }

    public string NextDisplayId() => $"display-{++displays}";

    /// <summary>Ends the run: later writes (from a cell abandoned by a timeout) are ignored.</summary>
    public void Freeze()
    {
        lock (Gate) IsFrozen = true;
    }
}
