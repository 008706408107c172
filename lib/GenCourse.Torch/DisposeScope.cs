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

    // Lists of closed scopes, reused by the next scopes on this thread. A training step opens a
    // scope or two; without reuse their lists regrow every step, and those arrays were ~40% of
    // a step's managed garbage (the garbage a long run's resident memory grows by until the
    // first gen-0 collection).
    [ThreadStatic] private static List<Tensor>?[]? spares;
    [ThreadStatic] private static int spareCount;
    private const int MaxSpares = 8;
    private const int MaxSpareCapacity = 1 << 16;

    // What a closed scope points at instead of a list now reused elsewhere; never written.
    private static readonly List<Tensor> Released = new(0);

    private List<Tensor> owned;
    private bool disposed;

    internal DisposeScope()
    {
        owned = TakeSpare();
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

    /// <summary>Gives a new tensor to the innermost open scope; false when none is open.</summary>
    internal static bool Adopt(Tensor t)
    {
        DisposeScope? s = current;
        if (s is null || s.disposed) return false;
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

        // Closing an outer scope first closes (and frees) the ones opened inside it, innermost first.
        if (IsAncestorOfCurrent())
            while (!ReferenceEquals(current, this)) current!.Dispose();

        disposed = true;
        foreach (Tensor t in owned)
            if (ReferenceEquals(t.Scope, this)) t.Dispose();
        owned.Clear();
        ReturnSpare(owned);
        owned = Released;
        if (ReferenceEquals(current, this)) current = Outer;
    }

    private static List<Tensor> TakeSpare()
    {
        if (spareCount == 0) return new List<Tensor>();
        List<Tensor> list = spares![--spareCount]!;
        spares[spareCount] = null;
        return list;
    }

    private static void ReturnSpare(List<Tensor> list)
    {
        if (list.Capacity > MaxSpareCapacity) return;
        spares ??= new List<Tensor>?[MaxSpares];
        if (spareCount < MaxSpares) spares[spareCount++] = list;
    }

    private bool IsAncestorOfCurrent()
    {
        for (DisposeScope? s = current?.Outer; s is not null; s = s.Outer)
            if (ReferenceEquals(s, this)) return true;
        return false;
    }
}
