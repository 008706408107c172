namespace GenCourse.Torch;

/// <summary>
/// One entry of an index expression <c>x[...]</c>: an integer (<c>x[0]</c>), a range
/// (<c>x[1..3]</c>, <c>x[..]</c>, <c>x[^1..]</c>), a strided slice (<see cref="Slice"/>),
/// a tensor of indices or a bool mask, <see cref="Ellipsis"/> or <see cref="NewAxis"/>.
/// </summary>
public readonly struct TensorIndex
{
    internal enum IndexKind { Int, Slice, Tensor, Ellipsis, NewAxis }

    internal IndexKind Kind { get; }
    internal long Value { get; }
    internal Index? Start { get; }
    internal Index? Stop { get; }
    internal long Step { get; }
    internal Tensor? Indices { get; }

    private TensorIndex(IndexKind kind, long value = 0, Index? start = null, Index? stop = null, long step = 1, Tensor? indices = null)
    {
        Kind = kind;
        Value = value;
        Start = start;
        Stop = stop;
        Step = step;
        Indices = indices;
    }

    /// <summary>PyTorch's <c>...</c>: as many full slices as needed.</summary>
    public static readonly TensorIndex Ellipsis = new(IndexKind.Ellipsis);

    /// <summary>PyTorch's <c>None</c>: inserts a dimension of size 1.</summary>
    public static readonly TensorIndex NewAxis = new(IndexKind.NewAxis);

    /// <summary>start:stop:step; null bounds mean the ends; negative bounds count from the end.</summary>
    public static TensorIndex Slice(long? start = null, long? stop = null, long step = 1)
    {
        if (step <= 0) throw new ArgumentOutOfRangeException(nameof(step), step, "slice step must be positive (as in PyTorch)");
        return new(IndexKind.Slice, start: ToIndex(start), stop: ToIndex(stop), step: step);
    }

    private static Index? ToIndex(long? v) => v switch
    {
        null => null,
        < 0 => Index.FromEnd((int)-v.Value),
        _ => Index.FromStart((int)v.Value),
    };

    public static implicit operator TensorIndex(int i) => new(IndexKind.Int, value: i);
    public static implicit operator TensorIndex(long i) => new(IndexKind.Int, value: i);
    public static implicit operator TensorIndex(Range r) => new(IndexKind.Slice, start: r.Start, stop: r.End);
    public static implicit operator TensorIndex(Tensor t) => new(IndexKind.Tensor, indices: t);
}
