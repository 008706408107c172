namespace GenCourse.Torch.Tests;

public class TensorDataTests
{
    [Fact]
    public void ToArrayConvertsTheElementType()
    {
        using var scope = torch.NewDisposeScope();
        Tensor i = torch.tensor(new long[] { 1, -2, 300 });
        Assert.Equal(new float[] { 1, -2, 300 }, i.ToArray<float>());
        Assert.Equal(new double[] { 1, -2, 300 }, i.ToArray<double>());
        Assert.Equal(new[] { 1, -2, 300 }, i.ToArray<int>());
        Assert.Equal(new[] { true, true, true }, i.ToArray<bool>());
        // float → int truncates toward zero, as a C cast does.
        Tensor f = torch.tensor(new float[] { 2.7f, -2.7f, 0.5f });
        Assert.Equal(new long[] { 2, -2, 0 }, f.ToArray<long>());
    }

    [Fact]
    public void ToArrayReadsNonContiguousTensorsInLogicalOrder()
    {
        using var scope = torch.NewDisposeScope();
        Tensor m = torch.tensor(new long[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        Assert.Equal(new long[] { 1, 4, 2, 5, 3, 6 }, m.t().ToArray<long>());
        Assert.Equal(new long[] { 3, 6 }, m[.., 2].ToArray<long>());
        Assert.Equal(new long[] { 1, 1, 1 }, torch.ones(new long[] { 1 }, dtype: torch.int64).expand(3).ToArray<long>());
    }

    [Fact]
    public void ItemReadsTheOneValue()
    {
        using var scope = torch.NewDisposeScope();
        Assert.Equal(4.5f, torch.tensor(4.5).item<float>());
        Assert.Equal(4.5, torch.tensor(4.5).item<double>());
        Assert.Equal(7L, torch.tensor(new long[,] { { 7 } }).item<long>());
        Assert.Equal(21.0, torch.tensor(new double[] { 1, 20 }).sum().item<double>());
        Assert.True(torch.tensor(new[] { true }).item<bool>());
    }

    [Fact]
    public void ToDtypeConvertsAndCopies()
    {
        using var scope = torch.NewDisposeScope();
        Tensor f = torch.tensor(new float[] { 1.5f, -0.25f });
        Tensor d = f.to(torch.float64);
        Assert.Equal(ScalarType.Float64, d.dtype);
        Assert.Equal(new[] { 1.5, -0.25 }, d.ToArray<double>());
        Assert.Equal(new long[] { 1, 0 }, f.to(torch.int64).ToArray<long>());
        Assert.Equal(ScalarType.Float64, f.@double().dtype);
        Assert.Equal(ScalarType.Int64, f.@long().dtype);
        Assert.Equal(ScalarType.Float32, d.@float().dtype);
        Assert.Equal(ScalarType.Float16, f.to(torch.float16).dtype);

        // The converted tensor has its own storage.
        d.fill_(0);
        Assert.Equal(new[] { 1.5f, -0.25f }, f.ToArray<float>());
        // to() with the same dtype returns the same data (no copy) unless copy: true.
        Tensor same = f.to(torch.float32);
        same.fill_(3);
        Assert.Equal(new[] { 3f, 3f }, f.ToArray<float>());
        Tensor copy = f.to(torch.float32, copy: true);
        copy.fill_(9);
        Assert.Equal(new[] { 3f, 3f }, f.ToArray<float>());
    }

    [Fact]
    public void ToDeviceCpuStaysOnCpu()
    {
        using var scope = torch.NewDisposeScope();
        Tensor t = torch.tensor(new float[] { 1, 2 });
        Assert.Equal(DeviceType.CPU, t.device.type);
        Assert.False(t.is_cuda);
        Tensor c = t.to(torch.device("cpu"));
        Assert.Equal(DeviceType.CPU, c.device.type);
        Assert.Equal(new[] { 1f, 2f }, c.ToArray<float>());
        Tensor c2 = t.to(Device.CPU, torch.float64);
        Assert.Equal(ScalarType.Float64, c2.dtype);
        Assert.Equal(new[] { 1.0, 2.0 }, c2.ToArray<double>());
        Assert.Equal(new[] { 1f, 2f }, t.cpu().ToArray<float>());
        Tensor copied = t.to(Device.CPU, copy: true);
        copied.fill_(0);
        Assert.Equal(new[] { 1f, 2f }, t.ToArray<float>());
    }

    [Fact]
    public void CloneHasItsOwnStorageAndKeepsTheGraph()
    {
        using var scope = torch.NewDisposeScope();
        Tensor t = torch.tensor(new float[] { 1, 2 });
        Tensor c = t.clone();
        c.fill_(5);
        Assert.Equal(new[] { 1f, 2f }, t.ToArray<float>());
        Tensor w = torch.ones(new long[] { 2 }, requires_grad: true);
        Tensor wc = w.clone();
        Assert.True(wc.requires_grad);
        Assert.False(wc.is_leaf);
    }

    // ---- ToString: PyTorch's layout, with the shape and dtype spelled out -------------

    [Fact]
    public void ToStringShowsValuesShapeAndDtype()
    {
        using var scope = torch.NewDisposeScope();
        Assert.Equal("tensor([1.0000, 2.5000, -3.0000], shape=[3], dtype=float32)",
            torch.tensor(new float[] { 1, 2.5f, -3 }).ToString());
        Assert.Equal("tensor([1, 2, 3], shape=[3], dtype=int64)", torch.arange(1, 4).ToString());
        Assert.Equal("tensor([True, False], shape=[2], dtype=bool)", torch.tensor(new[] { true, false }).ToString());
        Assert.Equal("tensor(0.5000, shape=[], dtype=float64)", torch.tensor(0.5, dtype: torch.float64).ToString());
        Assert.Equal("tensor([nan, inf, -inf], shape=[3], dtype=float32)",
            torch.tensor(new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity }).ToString());
        Assert.Equal("tensor([], shape=[0], dtype=float32)", torch.zeros(0).ToString());
    }

    [Fact]
    public void ToStringNestsRowsLikePyTorch()
    {
        using var scope = torch.NewDisposeScope();
        Assert.Equal("tensor([[0, 1, 2],\n        [3, 4, 5]], shape=[2, 3], dtype=int64)", torch.arange(6).view(2, 3).ToString());
        // Blocks of a 3-d tensor are separated by a blank line, rows aligned under the brackets.
        Assert.Equal(
            "tensor([[[0, 1],\n" +
            "         [2, 3]],\n" +
            "\n" +
            "        [[4, 5],\n" +
            "         [6, 7]]], shape=[2, 2, 2], dtype=int64)",
            torch.arange(8).view(2, 2, 2).ToString());
    }

    [Fact]
    public void ToStringAbbreviatesLargeTensorsAndFlagsGrad()
    {
        using var scope = torch.NewDisposeScope();
        string big = torch.arange(5000).ToString();
        Assert.Equal("tensor([0, 1, 2, ..., 4997, 4998, 4999], shape=[5000], dtype=int64)", big);
        Tensor w = torch.zeros(new long[] { 2 }, requires_grad: true);
        Assert.Equal("tensor([0.0000, 0.0000], shape=[2], dtype=float32, requires_grad=True)", w.ToString());
        Tensor gone = torch.zeros(1);
        gone.Dispose();
        Assert.Equal("tensor(<disposed>)", gone.ToString());
    }
}
