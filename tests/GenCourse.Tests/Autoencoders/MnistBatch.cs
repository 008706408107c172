using GenCourse.Data;

namespace GenCourse.Tests.Autoencoders;

/// <summary>Fixed MNIST images for the overfitting tests (tests using it carry <c>[DataSetFact("MNIST")]</c>).</summary>
internal static class MnistBatch
{
    /// <summary><paramref name="count"/> training images [count, 1, 28, 28], the same ones for the same seed; the caller's scope owns them.</summary>
    public static Tensor Images(int count, ulong seed = 0)
    {
        using ImageDataset train = Mnist.Load(DataSplit.Train);
        using ImageDataset subset = train.RandomSubset(count, seed);
        return subset.Images.clone();
    }

    /// <summary>Trains <paramref name="model"/> on one batch with Adam; returns the loss before and after.</summary>
    public static (double first, double last) Overfit(GenCourse.Autoencoders.Autoencoder model, Tensor x, int steps, double lr = 1e-3)
    {
        using var opt = optim.Adam(model.parameters(), lr: lr);
        double first = double.NaN, last = double.NaN;
        for (int step = 0; step < steps; ++step)
        {
            using var scope = torch.NewDisposeScope();
            opt.zero_grad();
            var loss = model.Loss(x);
            loss.Total.backward();
            opt.step();
            last = loss.Reconstruction.ToSingle();
            if (step == 0) first = last;
        }
        return (first, last);
    }
}
