using GenCourse.Torch.Interop;

namespace GenCourse.Torch.Tests;

/// <summary>
/// Bad input gives a clear .NET exception, never a crash: libtorch's errors arrive as a
/// <see cref="TorchException"/> naming the operator and carrying libtorch's first line;
/// mistakes caught on the C# side are ArgumentException, InvalidOperationException or
/// ObjectDisposedException with a message that says what to do.
/// </summary>
public class ErrorTests
{
    private static TorchException Torch(Action action)
    {
        var e = Assert.Throws<TorchException>(action);
        Assert.DoesNotContain('\n', e.Message);             // one line, no C++ backtrace
        Assert.Equal($"{e.Operation}: {e.NativeMessage}", e.Message);
        return e;
    }

    [Fact]
    public void ShapeMismatchNamesTheOperatorAndLibtorchsMessage()
    {
        using var scope = torch.NewDisposeScope();
        Tensor a = torch.ones(2, 3), b = torch.ones(2, 3);
        var e = Torch(() => torch.mm(a, b));
        Assert.Equal("aten::mm: mat1 and mat2 shapes cannot be multiplied (2x3 and 2x3)", e.Message);
        Assert.Equal("aten::mm", e.Operation);
        Assert.Equal("mat1 and mat2 shapes cannot be multiplied (2x3 and 2x3)", e.NativeMessage);

        var add = Torch(() => _ = torch.ones(2, 3) + torch.ones(4));
        Assert.Equal("aten::add", add.Operation);
        Assert.Contains("must match the size of tensor b (4)", add.NativeMessage);

        var conv = Torch(() => nn.functional.conv2d(torch.ones(1, 3, 8, 8), torch.ones(4, 2, 3, 3)));
        Assert.Equal("aten::conv2d", conv.Operation);
        Assert.Contains("expected input[1, 3, 8, 8] to have 2 channels", conv.NativeMessage);

        var cat = Torch(() => torch.cat(new[] { torch.ones(2, 3), torch.ones(2, 4) }));
        Assert.Equal("aten::cat", cat.Operation);
        Assert.Contains("Sizes of tensors must match", cat.NativeMessage);
    }

    [Fact]
    public void WrongDtypeIsATorchException()
    {
        using var scope = torch.NewDisposeScope();
        var mm = Torch(() => torch.mm(torch.ones(2, 3), torch.ones(new long[] { 3, 2 }, dtype: torch.float64)));
        Assert.Equal("aten::mm: expected scalar type Float but found Double", mm.Message);

        var emb = Torch(() => nn.functional.embedding(torch.ones(2), torch.ones(3, 2)));
        Assert.Equal("aten::embedding", emb.Operation);
        Assert.Contains("'indices' to have one of the following scalar types: Long, Int", emb.NativeMessage);

        var ce = Torch(() => nn.functional.cross_entropy(torch.ones(2, 3), torch.tensor(new[] { 0.5f, 1.5f })));
        Assert.Equal("aten::cross_entropy_loss", ce.Operation);

        var mean = Torch(() => torch.tensor(new long[] { 1, 2 }).mean());
        Assert.Contains("Long", mean.NativeMessage);
    }

    [Fact]
    public void AutogradMisuseIsATorchException()
    {
        using var scope = torch.NewDisposeScope();
        var e = Torch(() => torch.ones(3).backward());
        Assert.Equal("Tensor.backward", e.Operation);
        Assert.Contains("does not require grad", e.NativeMessage);

        Tensor x = torch.ones(new long[] { 3 }, requires_grad: true);
        Torch(() => (x * 2).backward());   // non-scalar output needs a gradient argument
        var inPlace = Torch(() => x.add_(1));
        Assert.Equal("a leaf Variable that requires grad is being used in an in-place operation.", inPlace.NativeMessage);

        // .grad must match the tensor, as PyTorch's setter checks.
        var shape = Torch(() => x.grad = torch.zeros(2));
        Assert.Contains("different size", shape.NativeMessage);
        Torch(() => x.grad = torch.zeros(new long[] { 3 }, dtype: torch.float64));
        Assert.Null(x.grad);

        Tensor y = (x * x).sum();
        y.backward();
        var twice = Torch(() => y.backward());
        Assert.Contains("backward through the graph a second time", twice.NativeMessage);
    }

    [Fact]
    public void ViewOfANonContiguousTensorSuggestsReshape()
    {
        using var scope = torch.NewDisposeScope();
        var e = Torch(() => torch.ones(2, 3).t().view(-1));
        Assert.Equal("aten::view", e.Operation);
        Assert.EndsWith("Use .reshape(...) instead.", e.NativeMessage);
        Torch(() => torch.ones(2, 3).view(4, 2));
    }

    [Fact]
    public void IndexOutOfRangeIsClear()
    {
        using var scope = torch.NewDisposeScope();
        Tensor x = torch.ones(2, 3);
        var e = Torch(() => _ = x[5]);
        Assert.Equal("aten::select", e.Operation);
        Assert.Contains("index 5 out of range for tensor of size [2, 3] at dimension 0", e.NativeMessage);
        var gather = Torch(() => x.gather(1, torch.tensor(new long[,] { { 3 }, { 0 } })));
        Assert.Equal("aten::gather", gather.Operation);
        Assert.Throws<IndexOutOfRangeException>(() => x[0, 0, 0]);
        Assert.Throws<IndexOutOfRangeException>(() => x[TensorIndex.Ellipsis, 0, TensorIndex.Ellipsis]);
        Assert.Throws<ArgumentOutOfRangeException>(() => TensorIndex.Slice(0, 2, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => x.size(2));
    }

    [Fact]
    public void UseAfterDisposeIsObjectDisposedException()
    {
        Tensor a = torch.ones(2);
        using Tensor b = torch.ones(2);
        a.Dispose();
        var e = Assert.Throws<ObjectDisposedException>(() => a + b);
        Assert.Contains("MoveToOuterDisposeScope", e.Message);
        Assert.Throws<ObjectDisposedException>(() => b * a);
        Assert.Throws<ObjectDisposedException>(() => a.shape);
        Assert.Throws<ObjectDisposedException>(() => a.ToArray<float>());
        Assert.Throws<ObjectDisposedException>(() => torch.cat(new[] { b, a }));
        Assert.Throws<ObjectDisposedException>(() => a.backward());
        Assert.Throws<ObjectDisposedException>(() => b.add_(a));
        Tensor scoped;
        using (torch.NewDisposeScope()) scoped = torch.zeros(2);
        Assert.Throws<ObjectDisposedException>(() => scoped.sum());
        var g = new Generator(1);
        g.Dispose();
        Assert.Throws<ObjectDisposedException>(() => torch.randn(new long[] { 2 }, generator: g));
    }

    [Fact]
    public void UnknownOperatorIsATorchException()
    {
        var op = new Op("aten::no_such_op");
        using Tensor t = torch.ones(1);
        var e = Torch(() => op.Call(t));
        Assert.Equal("aten::no_such_op", e.Operation);
        Assert.Contains("Could not find schema for aten::no_such_op", e.NativeMessage);
        // An unknown overload of a real operator, too.
        Torch(() => new Op("aten::add", "no_such_overload").Call(t, t));
    }

    [Fact]
    public void WrongArgumentsToAnOperatorAreCaughtByTheBridge()
    {
        using Tensor t = torch.ones(2, 2);
        var count = Torch(() => new Op("aten::mm").Call(t));
        Assert.Equal("aten::mm: expected 2 arguments but got 1; schema: aten::mm(Tensor self, Tensor mat2) -> Tensor", count.Message);
        // A value of the wrong kind where a tensor belongs.
        var kind = Torch(() => new Op("aten::mm").Call(t, 3L));
        Assert.Equal("aten::mm", kind.Operation);
        // After an error the next call works and reports no stale message.
        using Tensor ok = torch.mm(t, t);
        Assert.Equal(new[] { 2f, 2, 2, 2 }, ok.ToArray<float>());
    }

    [Fact]
    public void BadArgumentsOnTheDotNetSide()
    {
        using var scope = torch.NewDisposeScope();
        var item = Assert.Throws<InvalidOperationException>(() => torch.ones(2, 3).item<float>());
        Assert.Contains("item() needs a tensor with one element, but this one has 6 (shape [2, 3])", item.Message);

        var device = Assert.Throws<ArgumentException>(() => Device.Parse("gpu"));
        Assert.Contains("'gpu' is not a device", device.Message);
        Assert.Throws<ArgumentException>(() => torch.device("cuda:x"));
        Assert.Throws<ArgumentException>(() => torch.device("cuda:-1"));

        var reduction = Assert.Throws<ArgumentException>(() => nn.functional.mse_loss(torch.ones(2), torch.ones(2), "avg"));
        Assert.Contains("'avg'", reduction.Message);
        Assert.Throws<ArgumentException>(() => nn.functional.interpolate(torch.ones(1, 1, 2, 2), new long[] { 4, 4 }, 2.0));
        Assert.Throws<ArgumentException>(() => nn.functional.interpolate(torch.ones(1, 1, 2, 2), scale_factor: 2, mode: "bicubic"));
        Assert.Throws<ArgumentOutOfRangeException>(() => nn.functional.dropout(torch.ones(2), 1.5));
        Assert.Throws<ArgumentException>(() => torch.ones(2).clamp());
        Assert.Throws<ArgumentException>(() => torch.tensor(new float[] { 1, 2, 3 }, new long[] { 2, 2 }));
        Assert.Throws<ArgumentException>(() => torch.tensor(new[] { "a" }));
        Assert.Throws<ArgumentException>(() => torch.ones(2).ToArray<decimal>());
        Assert.Throws<ArgumentOutOfRangeException>(() => torch.set_num_threads(0));
        Assert.Throws<ArgumentException>(() => torch.autograd.grad(new[] { torch.ones(1) }, new[] { torch.ones(1) }, new Tensor?[] { null, null }));
    }

    [Fact]
    public void ErrorsOnOneThreadDoNotLeakIntoAnother()
    {
        // The native error slot is per thread: a failure elsewhere leaves this thread's calls clean.
        var thread = new Thread(() =>
        {
            using Tensor a = torch.ones(2, 3);
            Assert.Throws<TorchException>(() => torch.mm(a, a));
        });
        thread.Start();
        thread.Join();
        using Tensor x = torch.ones(3, 2), y = torch.ones(2, 3);
        var e = Torch(() => torch.mm(x, x));
        Assert.Equal("aten::mm: mat1 and mat2 shapes cannot be multiplied (3x2 and 3x2)", e.Message);
        using Tensor ok = torch.mm(x, y);
        Assert.Equal(new long[] { 3, 3 }, ok.shape);
    }
}
