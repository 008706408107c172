namespace GenCourse.Torch.Tests;

// Selecting, indexing, assigning into, joining and reshaping: the gradient flows back to the
// elements read and sums where one element is read several times.
public sealed partial class GradientTests
{
    [Fact]
    public void Gather_sums_gradients_of_repeated_indices()
    {
        using var _ = torch.NewDisposeScope();
        // out[i][j] = x[i][index[i][j]] along dim 1.
        using Tensor index = torch.tensor(new long[,] { { 0, 0, 3 }, { 2, 1, 2 }, { 3, 3, 3 } });
        GradCheck.Assert(t => t.gather(1, index), Normal(3, 4));
        using Tensor rows = torch.tensor(new long[,] { { 1, 0 }, { 1, 2 } });
        GradCheck.Assert(t => t.gather(0, rows), Normal(3, 2));
    }

    [Fact]
    public void Index_select_sums_gradients_of_repeated_indices()
    {
        using var _ = torch.NewDisposeScope();
        using Tensor index = torch.tensor(new long[] { 2, 0, 2, 2 });
        Tensor x = Normal(3, 4);
        GradCheck.Assert(t => t.index_select(0, index), x);
        GradCheck.Assert(t => t.index_select(1, index), x);
    }

    [Fact]
    public void Indexing_with_integers_ranges_and_strided_slices()
    {
        using var _ = torch.NewDisposeScope();
        Tensor x = Normal(4, 5, 3);
        GradCheck.Assert((Tensor t) => t[1], x);
        GradCheck.Assert(t => t[1..3, TensorIndex.Slice(0, null, 2)], x);
        GradCheck.Assert(t => t[TensorIndex.Ellipsis, 2][.., ^4..] * t[.., 1..5, 0], x);
        GradCheck.Assert(t => t[TensorIndex.NewAxis, 2, TensorIndex.Slice(-3, null)], x);
    }

    [Fact]
    public void Indexing_with_index_tensors_and_masks()
    {
        using var _ = torch.NewDisposeScope();
        Tensor x = Normal(4, 3);
        using Tensor rows = torch.tensor(new long[] { 3, 0, 3 });
        using Tensor mask = torch.tensor(new[,] { { true, false, true }, { false, false, true }, { true, true, false }, { false, true, false } });
        GradCheck.Assert(t => t[rows], x);
        GradCheck.Assert(t => t[rows, 1..], x);
        GradCheck.Assert(t => t[mask], x);
    }

    [Fact]
    public void Assignment_into_a_slice_sends_the_gradient_to_the_source()
    {
        using var _ = torch.NewDisposeScope();
        using Tensor rows = torch.tensor(new long[] { 0, 2 });
        using Tensor mask = torch.tensor(new[] { true, false, false, true });
        // y = x with some entries overwritten: ∂y/∂x is 0 there, and the written values get those gradients.
        GradCheck.Assert(x =>
        {
            Tensor y = x[0] * 1.0;
            y[1..3, 0] = x[1];
            y[rows, 2] = x[1] * x[1];
            return y;
        }, Normal(4, 3), Normal(2));
        GradCheck.Assert(x =>
        {
            Tensor y = x[0].clone();
            y[mask] = x[1];
            return y * y;
        }, Normal(4, 2), Normal(2));
    }

    [Fact]
    public void Scatter_masked_select_and_narrow()
    {
        using var _ = torch.NewDisposeScope();
        using Tensor index = torch.tensor(new long[,] { { 2, 0 }, { 1, 3 } });
        // scatter overwrites x at index (gradient 0 there) with src (which gets the gradient).
        GradCheck.Assert(x => x[0].scatter(1, index, x[1]), Normal(2, 4), Normal(2, 2));
        GradCheck.Assert(t => t.scatter(1, index, 1.5), Normal(2, 4));
        using Tensor mask = torch.tensor(new[] { false, true, true, false, true });
        GradCheck.Assert(t => t.masked_select(mask), Normal(2, 5));
        GradCheck.Assert(t => t.narrow(1, 1, 3), Normal(2, 5));
    }

    [Fact]
    public void Cat_stack_split_and_chunk()
    {
        using var _ = torch.NewDisposeScope();
        Tensor a = Normal(2, 3);
        Tensor b = Normal(1, 3);
        Tensor c = Normal(2, 3);
        GradCheck.Assert(x => torch.cat(new[] { x[0], x[1], x[0] }, 0), a, b);
        GradCheck.Assert(x => torch.cat(new[] { x[0], x[1] }, 1), a, c);
        GradCheck.Assert(x => torch.stack(new[] { x[0], x[1], x[0] * x[1] }, 1), a, c);
        GradCheck.Assert(t => t.split(2, 0)[1] * t.chunk(3, 1)[2][0..2], Normal(4, 3));
        GradCheck.Assert(t => t.split(new long[] { 1, 3 }, 0)[1], Normal(4, 2));
    }

    [Fact]
    public void Views_and_copies_of_shape()
    {
        using var _ = torch.NewDisposeScope();
        Tensor x = Normal(2, 3, 4);
        GradCheck.Assert(t => t.permute(2, 0, 1) * t.transpose(0, 2).transpose(1, 2), x);
        GradCheck.Assert(t => t.view(6, 4).T.reshape(-1) * t.flatten(), x);
        GradCheck.Assert(t => t.unsqueeze(1).expand(2, 5, 3, 4).sum(1), x);
        GradCheck.Assert(t => t.repeat(2, 1, 2) + t.flip(0, 2).repeat(2, 1, 2), x);
        GradCheck.Assert(t => t.roll(1, 2).squeeze() * t.unflatten(2, 2, 2).reshape(2, 3, 4), x);
        GradCheck.Assert(t => t[.., 0..1].squeeze(1).contiguous(), x);
    }
}
