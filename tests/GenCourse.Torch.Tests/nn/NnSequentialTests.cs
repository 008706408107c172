using GenCourse.Torch.Modules;

namespace GenCourse.Torch.Tests.Nn;

public class NnSequentialTests
{
    [Fact]
    public void RunsLayersInOrder()
    {
        torch.manual_seed(14);
        var fc1 = nn.Linear(3, 4);
        var fc2 = nn.Linear(4, 2);
        using var seq = nn.Sequential(fc1, nn.ReLU(), fc2);
        using Tensor x = torch.randn(5, 3);
        using Tensor y = seq.call(x);
        using Tensor expected = fc2.call(fc1.call(x).relu());
        Assert.Equal(expected.ToArray<float>(), y.ToArray<float>());
        Assert.Equal(3, seq.Count);
        Assert.Same(fc2, seq[2]);
    }

    [Fact]
    public void NamedLayersGiveNamedKeys()
    {
        using var seq = nn.Sequential(("fc", nn.Linear(2, 3)), ("act", nn.Tanh()), ("out", nn.Linear(3, 1)));
        Assert.Equal(new[] { "fc.weight", "fc.bias", "out.weight", "out.bias" }, seq.named_parameters().Select(p => p.name));
        Assert.Throws<ArgumentException>(() => seq.append("fc", nn.ReLU()));
    }

    [Fact]
    public void AppendContinuesTheNumbering()
    {
        using var seq = nn.Sequential(nn.Linear(2, 2));
        seq.append(nn.ReLU()).append(nn.Linear(2, 1));
        Assert.Equal(new[] { "0.weight", "0.bias", "2.weight", "2.bias" }, seq.named_parameters().Select(p => p.name));
    }

    [Fact]
    public void EmptySequentialPassesValuesThrough()
    {
        using var seq = nn.Sequential();
        using Tensor x = torch.ones(2);
        Tensor y = seq.call(x);
        Assert.NotSame(x, y);
        Assert.Equal(new float[] { 1, 1 }, y.ToArray<float>());
        y.Dispose();
    }

    [Fact]
    public void ModuleListRegistersItsItemsByPosition()
    {
        using var blocks = nn.ModuleList(nn.Linear(2, 2), nn.Linear(2, 3));
        blocks.append(nn.Linear(3, 1));
        Assert.Equal(3, blocks.Count);
        Assert.Equal(new[] { "0.weight", "0.bias", "1.weight", "1.bias", "2.weight", "2.bias" }, blocks.named_parameters().Select(p => p.name));
        Assert.StartsWith("ModuleList(\n  (0): Linear(in_features=2, out_features=2, bias=True)", blocks.ToString());
        Linear last = blocks[2];
        Assert.Equal(3, last.in_features);
        using Tensor x = torch.ones(1, 2);
        Tensor h = x;
        using (torch.NewDisposeScope())
        {
            foreach (Linear layer in blocks) h = layer.call(h);
            Assert.Equal(new long[] { 1, 1 }, h.shape);
        }
    }
}
