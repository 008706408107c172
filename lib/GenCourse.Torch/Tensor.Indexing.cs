using GenCourse.Torch.Interop;

namespace GenCourse.Torch;

// Indexing as in PyTorch: integers and slices give views; tensors of indices or bool masks
// give copies (advanced indexing), and assignment writes through.
public sealed partial class Tensor
{
    private static readonly Op Select = new("aten::select", "int");
    private static readonly Op Slice = new("aten::slice", "Tensor");
    private static readonly Op IndexOp = new("aten::index", "Tensor");
    private static readonly Op IndexPutIn = new("aten::index_put_");
    private static readonly Op IndexSelect = new("aten::index_select");
    private static readonly Op Gather = new("aten::gather");
    private static readonly Op ScatterSrc = new("aten::scatter", "src");
    private static readonly Op ScatterValue = new("aten::scatter", "value");
    private static readonly Op MaskedFillS = new("aten::masked_fill", "Scalar");
    private static readonly Op MaskedSelect = new("aten::masked_select");
    private static readonly Op WhereSelf = new("aten::where", "self");

    /// <summary>
    /// <c>x[0]</c>, <c>x[.., 1]</c>, <c>x[1..^1, TensorIndex.Slice(0, null, 2)]</c>,
    /// <c>x[mask]</c>, <c>x[TensorIndex.Ellipsis, 0]</c>. Setting copies (with broadcasting)
    /// into the indexed elements: <c>x[0] = torch.zeros(3)</c>.
    /// </summary>
    public Tensor this[params TensorIndex[] indices]
    {
        get
        {
            var (view, advanced) = BasicIndex(indices);
            if (advanced is null) return view;
            using (view) return IndexOp.Call(view, Arg.OptionalTensors(advanced));
        }
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            var (view, advanced) = BasicIndex(indices);
            using (view)
            {
                if (advanced is null) CopyIn.CallInPlace(view, value, false);
                else IndexPutIn.CallInPlace(view, Arg.OptionalTensors(advanced), value, false);
            }
        }
    }

    /// <summary>
    /// Applies integers, slices, new axes and the ellipsis as views; returns the view and,
    /// when tensor indices are present, the <c>Tensor?[]</c> list for <c>aten::index</c>.
    /// </summary>
    private (Tensor view, Tensor?[]? advanced) BasicIndex(TensorIndex[] indices)
    {
        int ndim = dim();
        int consumed = 0;
        int ellipses = 0;
        foreach (var ix in indices)
        {
            switch (ix.Kind)
            {
                case TensorIndex.IndexKind.Int:
                case TensorIndex.IndexKind.Slice: consumed += 1; break;
                case TensorIndex.IndexKind.Tensor: consumed += ix.Indices!.dtype == ScalarType.Bool ? ix.Indices.dim() : 1; break;
                case TensorIndex.IndexKind.Ellipsis: ellipses++; break;
            }
        }
        if (ellipses > 1) throw new IndexOutOfRangeException("an index can only have a single ellipsis");
        if (consumed > ndim) throw new IndexOutOfRangeException($"too many indices for a tensor of dimension {ndim} ({consumed} given)");

        Tensor v = Alias();
        var advanced = new List<Tensor?>();
        bool anyTensor = false;
        int d = 0;
        try
        {
            foreach (var ix in indices)
            {
                switch (ix.Kind)
                {
                    case TensorIndex.IndexKind.Int:
                        Replace(ref v, Select.Call(v, d, ix.Value));
                        break;
                    case TensorIndex.IndexKind.Slice:
                    {
                        long size = v.size(d);
                        // Resolved and clamped to [0, size] here, as Python does: handing aten::slice
                        // a bound that is still negative would make it count from the end again.
                        long start = Math.Clamp(ix.Start is Index s ? (s.IsFromEnd ? size - s.Value : s.Value) : 0, 0, size);
                        long stop = Math.Clamp(ix.Stop is Index e ? (e.IsFromEnd ? size - e.Value : e.Value) : size, 0, size);
                        if (ix.Step != 1 || start != 0 || stop != size) Replace(ref v, Slice.Call(v, d, start, stop, ix.Step));
                        advanced.Add(null);
                        d++;
                        break;
                    }
                    case TensorIndex.IndexKind.NewAxis:
                        Replace(ref v, Unsqueeze.Call(v, d));
                        advanced.Add(null);
                        d++;
                        break;
                    case TensorIndex.IndexKind.Ellipsis:
                    {
                        int skip = ndim - consumed;
                        for (int k = 0; k < skip; ++k) advanced.Add(null);
                        d += skip;
                        break;
                    }
                    case TensorIndex.IndexKind.Tensor:
                        advanced.Add(ix.Indices);
                        anyTensor = true;
                        d += ix.Indices!.dtype == ScalarType.Bool ? ix.Indices.dim() : 1;
                        break;
                }
            }
        }
        catch
        {
            v.Dispose();
            throw;
        }
        if (!anyTensor) return (v, null);
        while (advanced.Count > 0 && advanced[^1] is null) advanced.RemoveAt(advanced.Count - 1);
        return (v, advanced.ToArray());
    }

    private static void Replace(ref Tensor v, Tensor next)
    {
        v.Dispose();
        v = next;
    }

    public Tensor index_select(int dim, Tensor index) => IndexSelect.Call(this, dim, index);
    /// <summary>out[i][j] = this[index[i][j]][j] for dim 0 (and likewise for other dims).</summary>
    public Tensor gather(int dim, Tensor index) => Gather.Call(this, dim, index, false);
    /// <summary>A copy with <c>out[index[i][j]][j] = src[i][j]</c> for dim 0 (and likewise).</summary>
    public Tensor scatter(int dim, Tensor index, Tensor src) => ScatterSrc.Call(this, dim, index, src);
    public Tensor scatter(int dim, Tensor index, double value) => ScatterValue.Call(this, dim, index, value);
    /// <summary>A copy with <paramref name="value"/> where <paramref name="mask"/> is true.</summary>
    public Tensor masked_fill(Tensor mask, double value) => MaskedFillS.Call(this, mask, value);
    /// <summary>The elements where <paramref name="mask"/> is true, as a 1-d tensor.</summary>
    public Tensor masked_select(Tensor mask) => MaskedSelect.Call(this, mask);
    /// <summary>Elementwise: this where <paramref name="condition"/>, else <paramref name="other"/>.</summary>
    public Tensor where(Tensor condition, Tensor other) => WhereSelf.Call(condition, this, other);
}
