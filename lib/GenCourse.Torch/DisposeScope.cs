namespace GenCourse.Torch;

/// <summary>
/// Owns every tensor created on its thread while it is the innermost open scope, and disposes
/// them when it is disposed. A training step runs inside one:
/// <code>
/// using (torch.NewDisposeScope()) { var loss = ...; loss.backward(); opt.step(); }
/// </code>
/// A result that must outlive the scope leaves with <see cref="Tensor.MoveToOuterDisposeScope"/>
/// (or <see cref="Tensor.DetachFromDisposeScope"/> to belong to no scope). Scopes nest, and are
/// closed innermost first. The GC does not see libtorch's memory; this is how it is freed.
/// </summary>
public sealed class DisposeScope : IDisposable
{
    [ThreadStatic] private static DisposeScope? current;

    private readonly List<Tensor> owned = new();
    private bool disposed;

    internal DisposeScope()
    {
        Outer = current;
        current = this;
    }

    /// <summary>The innermost open scope on this thread, if any.</summary>
    public static DisposeScope? Current => current;

    /// <summary>The scope this one is nested in, if any.</summary>
    public DisposeScope? Outer { get; }

    /// <summary>How many tensors this scope still owns (for tests and diagnostics).</summary>
    public int OwnedCount
    {
        get
        {
            int n = 0;
            foreach (Tensor t in owned)
                if (ReferenceEquals(t.Scope, this) && !t.IsDisposed) n++;
            return n;
        }
    }

    /// <summary>Gives <paramref name="t"/> to the innermost open scope; false when there is none.</summary>
    internal static bool Adopt(Tensor t)
    {
        DisposeScope? s = current;
        if (s is null) return false;
        t.Scope = s;
        s.owned.Add(t);
        return true;
    }

    internal void Add(Tensor t)
    {
        if (disposed) throw new ObjectDisposedException(nameof(DisposeScope), "cannot move a tensor into a scope that is already disposed");
        t.Scope = this;
        owned.Add(t);
    }

    /// <summary>Disposes every tensor still owned by this scope and closes it.</summary>
    public void Dispose()
    {
        if (disposed) return;
        // Closing an outer scope first also closes the ones still open inside it, innermost
        // first, so their tensors are freed too rather than left to no scope.
        if (IsOnThisThreadsStack())
            while (!ReferenceEquals(current, this)) current!.Dispose();
        disposed = true;
        foreach (Tensor t in owned)
            if (ReferenceEquals(t.Scope, this)) t.Dispose();
        owned.Clear();
        if (ReferenceEquals(current, this)) current = Outer;
    }

    private bool IsOnThisThreadsStack()
    {
        for (DisposeScope? s = current; s is not null; s = s.Outer)
            if (ReferenceEquals(s, this)) return true;
        return false;
    }
}
