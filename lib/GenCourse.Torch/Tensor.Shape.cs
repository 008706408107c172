using GenCourse.Torch.Interop;

namespace GenCourse.Torch;

// Shape manipulation. view/permute/transpose/expand/select/slice return views that share
// storage with this tensor, as in PyTorch.
public sealed partial class Tensor
{
    private static readonly Op View = new("aten::view");
    private static readonly Op Reshape = new("aten::reshape");
    private static readonly Op Permute = new("aten::permute");
    private static readonly Op Transpose = new("aten::transpose", "int");
    private static readonly Op MatrixT = new("aten::t");
    private static readonly Op Flatten = new("aten::flatten", "using_ints");
    private static readonly Op Unflatten = new("aten::unflatten", "int");
    private static readonly Op Unsqueeze = new("aten::unsqueeze");
    private static readonly Op SqueezeAll = new("aten::squeeze");
    private static readonly Op SqueezeDim = new("aten::squeeze", "dim");
    private static readonly Op Expand = new("aten::expand");
    private static readonly Op ExpandAs = new("aten::expand_as");
    private static readonly Op Repeat = new("aten::repeat");
    private static readonly Op Contiguous = new("aten::contiguous");
    private static readonly Op Chunk = new("aten::chunk");
    private static readonly Op SplitSize = new("aten::split", "Tensor");
    private static readonly Op SplitSizes = new("aten::split_with_sizes");
    private static readonly Op Narrow = new("aten::narrow");
    private static readonly Op Flip = new("aten::flip");
    private static readonly Op Roll = new("aten::roll");

    /// <summary>A view with a new shape (one size may be −1). The data must be laid out compatibly.</summary>
    public Tensor view(params long[] shape) => View.Call(this, shape);
    /// <summary>Like <see cref="view"/> but copies when the layout requires it.</summary>
    public Tensor reshape(params long[] shape) => Reshape.Call(this, shape);
    public Tensor permute(params long[] dims) => Permute.Call(this, dims);
    public Tensor transpose(int dim0, int dim1) => Transpose.Call(this, dim0, dim1);
    /// <summary>Transpose of a matrix (≤ 2 dimensions).</summary>
    public Tensor t() => MatrixT.Call(this);
    /// <summary>Transpose of a matrix (≤ 2 dimensions).</summary>
    public Tensor T => MatrixT.Call(this);
    public Tensor flatten(int start_dim = 0, int end_dim = -1) => Flatten.Call(this, start_dim, end_dim);
    public Tensor unflatten(int dim, params long[] sizes) => Unflatten.Call(this, dim, sizes);
    public Tensor unsqueeze(int dim) => Unsqueeze.Call(this, dim);
    public Tensor squeeze() => SqueezeAll.Call(this);
    public Tensor squeeze(int dim) => SqueezeDim.Call(this, dim);
    /// <summary>A broadcast view to <paramref name="sizes"/> (−1 keeps a size).</summary>
    public Tensor expand(params long[] sizes) => Expand.Call(this, sizes, false);
    public Tensor expand_as(Tensor other) => ExpandAs.Call(this, other);
    /// <summary>Tiles the tensor <c>repeats[i]</c> times along each dimension (copies).</summary>
    public Tensor repeat(params long[] repeats) => Repeat.Call(this, repeats);
    public Tensor contiguous() => Contiguous.Call(this, 0L);
    /// <summary>Splits into <paramref name="chunks"/> nearly equal pieces along <paramref name="dim"/>.</summary>
    public Tensor[] chunk(int chunks, int dim = 0) => Chunk.CallMany(this, chunks, dim);
    /// <summary>Splits into pieces of <paramref name="split_size"/> (the last may be smaller).</summary>
    public Tensor[] split(long split_size, int dim = 0) => SplitSize.CallMany(this, split_size, dim);
    /// <summary>Splits into pieces of the given sizes.</summary>
    public Tensor[] split(long[] split_sizes, int dim = 0) => SplitSizes.CallMany(this, split_sizes, dim);
    public Tensor narrow(int dim, long start, long length) => Narrow.Call(this, dim, start, length);
    public Tensor flip(params long[] dims) => Flip.Call(this, dims);
    public Tensor roll(long shift, int dim) => Roll.Call(this, new[] { shift }, new long[] { dim });
}
