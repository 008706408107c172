using GenCourse.Torch.Modules;

namespace GenCourse.Torch.Tests.Nn;

/// <summary>The end-to-end check that nn, autograd and optim agree: a small MLP memorises one batch.</summary>
public class NnOverfitTests
{
    [Fact]
    public void AnMlpOverfitsOneBatchOfRandomImagesAndLabels()
    {
        torch.manual_seed(50);
        using Tensor images = torch.rand(64, 1, 28, 28);
        using Tensor labels = torch.randint(10, new long[] { 64 });
        using Sequential model = nn.Sequential(nn.Flatten(), nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10));
        using optim.Optimizer opt = optim.Adam(model.parameters(), lr: 1e-3);

        double first = double.NaN, last = double.NaN;
        for (int step = 0; step < 500 && !(last < 0.05); ++step)
        {
            using DisposeScope scope = torch.NewDisposeScope();
            opt.zero_grad();
            Tensor loss = nn.functional.cross_entropy(model.call(images), labels);
            loss.backward();
            opt.step();
            last = loss.item<double>();
            if (step == 0) first = last;
        }
        Assert.InRange(first, 2.0, 2.7);              // ≈ ln 10 = 2.30 before learning anything
        Assert.True(last < 0.05, $"cross-entropy on the memorised batch is {last}, expected < 0.05");
        model.eval();
        using (torch.no_grad())
        using (Tensor logits = model.call(images))
        using (Tensor predicted = logits.argmax(1))
            Assert.Equal(labels.ToArray<long>(), predicted.ToArray<long>());
    }
}
