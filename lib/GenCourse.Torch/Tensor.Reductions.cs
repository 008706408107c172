using GenCourse.Torch.Interop;

namespace GenCourse.Torch;

// Reductions. With no dim they reduce everything to a 0-d tensor.
public sealed partial class Tensor
{
    private static readonly Op SumAll = new("aten::sum");
    private static readonly Op SumDim = new("aten::sum", "dim_IntList");
    private static readonly Op MeanAll = new("aten::mean");
    private static readonly Op MeanDim = new("aten::mean", "dim");
    private static readonly Op VarDim = new("aten::var", "dim");
    private static readonly Op StdDim = new("aten::std", "dim");
    private static readonly Op MaxAll = new("aten::max");
    private static readonly Op MaxDim = new("aten::max", "dim");
    private static readonly Op MinAll = new("aten::min");
    private static readonly Op MinDim = new("aten::min", "dim");
    private static readonly Op Argmax = new("aten::argmax");
    private static readonly Op Argmin = new("aten::argmin");
    private static readonly Op Logsumexp = new("aten::logsumexp");
    private static readonly Op VectorNorm = new("aten::linalg_vector_norm");
    private static readonly Op Prod = new("aten::prod");
    private static readonly Op Cumsum = new("aten::cumsum");
    private static readonly Op AnyAll = new("aten::any");
    private static readonly Op AllAll = new("aten::all");

    public Tensor sum(ScalarType? dtype = null) => SumAll.Call(this, Arg.Opt(dtype));
    public Tensor sum(int dim, bool keepdim = false, ScalarType? dtype = null) => SumDim.Call(this, new long[] { dim }, keepdim, Arg.Opt(dtype));
    public Tensor sum(long[] dims, bool keepdim = false, ScalarType? dtype = null) => SumDim.Call(this, dims, keepdim, Arg.Opt(dtype));

    public Tensor mean(ScalarType? dtype = null) => MeanAll.Call(this, Arg.Opt(dtype));
    public Tensor mean(int dim, bool keepdim = false, ScalarType? dtype = null) => MeanDim.Call(this, new long[] { dim }, keepdim, Arg.Opt(dtype));
    public Tensor mean(long[] dims, bool keepdim = false, ScalarType? dtype = null) => MeanDim.Call(this, dims, keepdim, Arg.Opt(dtype));

    /// <summary>Variance; <paramref name="unbiased"/> divides by n − 1 (PyTorch's default).</summary>
    public Tensor var(bool unbiased = true) => VarDim.Call(this, Arg.None, unbiased, false);
    public Tensor var(int dim, bool unbiased = true, bool keepdim = false) => VarDim.Call(this, new long[] { dim }, unbiased, keepdim);
    public Tensor var(long[] dims, bool unbiased = true, bool keepdim = false) => VarDim.Call(this, dims, unbiased, keepdim);

    /// <summary>Standard deviation; <paramref name="unbiased"/> divides by n − 1.</summary>
    public Tensor std(bool unbiased = true) => StdDim.Call(this, Arg.None, unbiased, false);
    public Tensor std(int dim, bool unbiased = true, bool keepdim = false) => StdDim.Call(this, new long[] { dim }, unbiased, keepdim);
    public Tensor std(long[] dims, bool unbiased = true, bool keepdim = false) => StdDim.Call(this, dims, unbiased, keepdim);

    /// <summary>The largest element.</summary>
    public Tensor max() => MaxAll.Call(this);
    /// <summary>The largest elements along <paramref name="dim"/> and where they are.</summary>
    public (Tensor values, Tensor indices) max(int dim, bool keepdim = false) => MaxDim.Call2(this, dim, keepdim);
    /// <summary>The smallest element.</summary>
    public Tensor min() => MinAll.Call(this);
    /// <summary>The smallest elements along <paramref name="dim"/> and where they are.</summary>
    public (Tensor values, Tensor indices) min(int dim, bool keepdim = false) => MinDim.Call2(this, dim, keepdim);

    /// <summary>Index of the largest element (over the flattened tensor when dim is null).</summary>
    public Tensor argmax(int? dim = null, bool keepdim = false) => Argmax.Call(this, Arg.Opt(dim), keepdim);
    public Tensor argmin(int? dim = null, bool keepdim = false) => Argmin.Call(this, Arg.Opt(dim), keepdim);

    /// <summary>log Σ exp(x) along <paramref name="dim"/>, computed stably (max subtracted first).</summary>
    public Tensor logsumexp(int dim, bool keepdim = false) => Logsumexp.Call(this, new long[] { dim }, keepdim);
    public Tensor logsumexp(long[] dims, bool keepdim = false) => Logsumexp.Call(this, dims, keepdim);

    /// <summary>The p-norm (Σ|x|^p)^(1/p), over everything or over <paramref name="dims"/>.</summary>
    public Tensor norm(double p = 2, long[]? dims = null, bool keepdim = false) => VectorNorm.Call(this, p, Arg.Opt(dims), keepdim, Arg.None);
    public Tensor norm(double p, int dim, bool keepdim = false) => VectorNorm.Call(this, p, new long[] { dim }, keepdim, Arg.None);

    public Tensor prod(ScalarType? dtype = null) => Prod.Call(this, Arg.Opt(dtype));
    public Tensor cumsum(int dim, ScalarType? dtype = null) => Cumsum.Call(this, dim, Arg.Opt(dtype));
    /// <summary>True when any element is non-zero (a 0-d bool tensor).</summary>
    public Tensor any() => AnyAll.Call(this);
    /// <summary>True when every element is non-zero (a 0-d bool tensor).</summary>
    public Tensor all() => AllAll.Call(this);
}
