using GenCourse.Data;
using GenCourse.Tests.Data;

namespace GenCourse.Tests.Integration;

/// <summary>
/// The end-to-end check that data, nn, autograd and optim agree: a small MLP must memorise one
/// real MNIST batch. With 64 images and ~100k parameters the training cross-entropy can reach
/// (numerically) zero; a broken gradient, optimizer or loader leaves it near log 10 ≈ 2.30.
/// </summary>
public class MnistOverfitTests
{
    [DataSetFact("MNIST")]
    public void MlpOverfitsOneMnistBatch()
    {
        torch.manual_seed(0);
        using ImageDataset train = Mnist.Load(DataSplit.Train);
        var loader = new DataLoader(train, batchSize: 64, shuffle: true, seed: 1);
        using Batch batch = loader.First();
        using var model = nn.Sequential(nn.Flatten(), nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10));
        using var opt = optim.Adam(model.parameters(), lr: 1e-2);

        double first = double.NaN, last = double.NaN;
        for (int step = 0; step < 200; ++step)
        {
            using var scope = torch.NewDisposeScope();
            opt.zero_grad();
            Tensor loss = nn.functional.cross_entropy(model.call(batch.Images), batch.Labels!);
            loss.backward();
            opt.step();
            last = loss.ToSingle();
            if (step == 0) first = last;
        }
        Assert.InRange(first, 1.8, 2.8);    // ≈ log 10 at initialisation
        Assert.True(last < 0.01, $"the loss only fell from {first:F3} to {last:F4} in 200 steps");

        using var scope2 = torch.NewDisposeScope();
        using (torch.no_grad())
        {
            Tensor predicted = model.call(batch.Images).argmax(1);
            long correct = predicted.eq(batch.Labels!).sum().ToInt64();
            Assert.Equal(64L, correct);
        }
    }
}
