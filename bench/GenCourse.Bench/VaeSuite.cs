using System.Diagnostics;
using System.Globalization;
using GenCourse.Data;
using TorchSharp;
using static TorchSharp.torch;
using GenCourse.Vae;

namespace GenCourse.Bench;

/// <summary>
/// <c>./gencourse bench vae [a|b|all] [options]</c>: the chapter-2 quality figures.
/// <list type="bullet">
/// <item>(a) pytorch/examples <c>vae/main.py</c>: 784-400-20, ReLU, Adam 1e-3, batch 128, 10 epochs
/// on continuous MNIST with summed BCE; prints the test loss per sample (its "test set loss")
/// for each seed and their mean. Target ≤ 106.0 nats (the example logs ≈ 105.5–106.7).</item>
/// <item>(b) the IWAE paper's one-layer VAE (Burda et al. 2015: 784-200-200-50, tanh) on
/// dynamically binarised MNIST, Adam 1e-3, batch 100, for a number of epochs or minutes; prints
/// test −ELBO per epoch on a fixed binarisation of the test set, then the importance-sampled NLL
/// with k samples. Targets −ELBO ≤ 95 and IS-NLL (k = 1000) ≤ 91 nats.</item>
/// </list>
/// The loss is averaged over the batch rather than summed as in the example: Adam's update does
/// not depend on the gradient's scale (up to its ε), so the runs are the same.
/// </summary>
public static class VaeSuite
{
    private const string Usage =
        "usage: GenCourse.Bench vae [a|b|all] [--seeds 0,1,2] [--epochs-a 10] [--epochs-b 1000] [--minutes-b 15]\n" +
        "                           [--k 1000] [--is-images 10000] [--device cpu|cuda] [--lr-b 1e-3] [--batch-b 100]";

    private sealed record Settings(string Part, int[] Seeds, int EpochsA, int EpochsB, double MinutesB, int K, int IsImages,
        Device Device, double LrB, int BatchB);

    /// <summary>Runs the suite; returns the process exit code (2 for bad arguments).</summary>
    public static int Run(string[] args)
    {
        Settings s;
        try
        {
            s = Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"bench vae: {e.Message}\n{Usage}");
            return 2;
        }
        if (!Mnist.IsInstalled())
        {
            Console.Error.WriteLine($"bench vae: MNIST is not installed in {Mnist.DefaultDirectory}; run `./gencourse build`.");
            return 1;
        }
        Console.WriteLine($"bench vae: device {s.Device}, torch {torch.__version__}, {torch.get_num_threads()} threads, {Environment.ProcessorCount} cores");
        using ImageDataset train = Mnist.Load(DataSplit.Train);
        using ImageDataset test = Mnist.Load(DataSplit.Test);
        if (s.Part is "a" or "all") RunA(s, train, test);
        if (s.Part is "b" or "all") RunB(s, train, test);
        return 0;
    }

    private static void RunA(Settings s, ImageDataset train, ImageDataset test)
    {
        Console.WriteLine($"\n(a) pytorch/examples VAE: 784-400-20 ReLU, Adam 1e-3, batch 128, {s.EpochsA} epochs, continuous MNIST, summed BCE");
        using Tensor trainX = train.Images.to(s.Device);
        using Tensor testX = test.Images.to(s.Device);
        var results = new List<double>();
        var clock = Stopwatch.StartNew();
        foreach (int seed in s.Seeds)
        {
            torch.manual_seed(seed);
            using var vae = new GenCourse.Vae.Vae(VaeOptions.PytorchExample, s.Device);
            using var opt = optim.Adam(vae.parameters(), lr: 1e-3);
            using var noise = new Generator((ulong)seed, s.Device);
            var trainer = new VaeTrainer(vae, opt, generator: noise);
            var loader = new DataLoader(trainX, null, batchSize: 128, shuffle: true, seed: (ulong)seed);
            ElboSummary? last = null;
            for (int epoch = 0; epoch < s.EpochsA; ++epoch)
            {
                VaeEpochRecord r = trainer.TrainEpoch(loader);
                last = Elbo.Evaluate(vae, testX, batchSize: 1000, generator: noise);
                Console.WriteLine(F($"  seed {seed} epoch {epoch + 1,2}: train loss {r.Loss,7:F2}  test loss {last.NegativeElbo,7:F2} (BCE {last.ReconstructionLoss:F2} + KL {last.Kl:F2})  {r.Seconds:F1} s"));
            }
            results.Add(last!.NegativeElbo);
        }
        double mean = results.Average();
        Console.WriteLine(F($"(a) test loss per sample after {s.EpochsA} epochs: {string.Join(", ", s.Seeds.Zip(results, (sd, v) => F($"seed {sd} {v:F2}")))}"));
        Console.WriteLine(F($"(a) mean {mean:F2} nats over {results.Count} seeds (target ≤ 106.0; pytorch/examples ≈ 105.5–106.7) in {clock.Elapsed.TotalMinutes:F1} min"));
    }

    private static void RunB(Settings s, ImageDataset train, ImageDataset test)
    {
        int seed = s.Seeds[0];
        Console.WriteLine(F($"\n(b) IWAE-paper VAE: 784-200-200-50 tanh, Adam {s.LrB:G3}, batch {s.BatchB}, dynamically binarised MNIST; up to {s.EpochsB} epochs or {s.MinutesB:F1} min; seed {seed}"));
        using Tensor trainX = train.Images.to(s.Device);
        using Tensor testBinary = ImageTransforms.BinarizeFixed(test.Images.to(s.Device), seed: 0);   // one fixed test binarisation
        torch.manual_seed(seed);
        using var vae = new GenCourse.Vae.Vae(VaeOptions.Iwae, s.Device);
        using var opt = optim.Adam(vae.parameters(), lr: s.LrB);
        using var noise = new Generator((ulong)seed, s.Device);
        using var binarizer = new Generator((ulong)seed + 1000, s.Device);
        var trainer = new VaeTrainer(vae, opt, generator: noise);
        var loader = new DataLoader(trainX, null, batchSize: s.BatchB, shuffle: true, seed: (ulong)seed,
            transform: x => ImageTransforms.Binarize(x, binarizer));   // a new binarisation every epoch
        var clock = Stopwatch.StartNew();
        double lastEpochSeconds = 0;
        ElboSummary? testElbo = null;
        int epochs = 0;
        while (epochs < s.EpochsB && clock.Elapsed.TotalMinutes + lastEpochSeconds / 60 <= s.MinutesB)
        {
            var epochClock = Stopwatch.StartNew();
            VaeEpochRecord r = trainer.TrainEpoch(loader);
            testElbo = Elbo.Evaluate(vae, testBinary, batchSize: 1000, generator: noise);
            epochs++;
            lastEpochSeconds = epochClock.Elapsed.TotalSeconds;
            Console.WriteLine(F($"  epoch {epochs,3}: train −ELBO {r.NegativeElbo,7:F2}  test −ELBO {testElbo.NegativeElbo,7:F2} (rec {testElbo.ReconstructionLoss:F2} + KL {testElbo.Kl:F2})  {r.Seconds:F1} s, {clock.Elapsed.TotalMinutes:F1} min"));
        }
        double trainMinutes = clock.Elapsed.TotalMinutes;
        Console.WriteLine(F($"(b) trained {epochs} epochs in {trainMinutes:F1} min; test −ELBO {testElbo!.NegativeElbo:F2} nats (target ≤ 95)"));

        long count = Math.Min(s.IsImages, testBinary.size(0));
        using Tensor isImages = testBinary.narrow(0, 0, count);
        var isClock = Stopwatch.StartNew();
        var progress = new PrintProgress(done =>
        {
            if (done % 1000 == 0) Console.WriteLine(F($"  IS k={s.K}: {done}/{count} images, {isClock.Elapsed.TotalMinutes:F1} min"));
        });
        LikelihoodEstimate nll = ImportanceSampling.Evaluate(vae, isImages, s.K, batchSize: 50, generator: noise, progress: progress);
        Console.WriteLine(F($"(b) {nll} in {isClock.Elapsed.TotalMinutes:F1} min (target IS-NLL ≤ 91; IWAE paper VAE k=1 86.76 after 3280 epochs)"));
        Console.WriteLine(F($"(b) gap −ELBO − IS-NLL = {nll.NegativeElbo - nll.NegativeLogLikelihood:F2} nats on the same {count} images"));
    }

    /// <summary>Reports at once, on the caller's thread (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class PrintProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }

    private static Settings Parse(string[] args)
    {
        string part = "all";
        int[] seeds = [0, 1, 2];
        int epochsA = 10, epochsB = 1000, k = 1000, isImages = 10_000, batchB = 100;
        double minutesB = 15, lrB = 1e-3;
        Device device = torch.CPU;
        for (int i = 0; i < args.Length; ++i)
        {
            string a = args[i];
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{a} needs a value");
            switch (a)
            {
                case "a" or "b" or "all": part = a; break;
                case "--seeds": seeds = Next().Split(',').Select(v => ParseInt("--seeds", v)).ToArray(); break;
                case "--epochs-a": epochsA = ParseInt(a, Next()); break;
                case "--epochs-b": epochsB = ParseInt(a, Next()); break;
                case "--minutes-b": minutesB = ParseDouble(a, Next()); break;
                case "--k": k = ParseInt(a, Next()); break;
                case "--is-images": isImages = ParseInt(a, Next()); break;
                case "--lr-b": lrB = ParseDouble(a, Next()); break;
                case "--batch-b": batchB = ParseInt(a, Next()); break;
                case "--device": device = torch.device(Next()); break;
                default: throw new ArgumentException($"unknown argument '{a}'");
            }
        }
        if (seeds.Length == 0) throw new ArgumentException("--seeds needs at least one seed");
        if (device.type == DeviceType.CUDA && !torch.cuda.is_available())
            throw new ArgumentException("--device cuda was asked for, but libtorch sees no CUDA device (is this the CPU build of TorchSharp? See README, \"Using a GPU\")");
        return new Settings(part, seeds, epochsA, epochsB, minutesB, k, isImages, device, lrB, batchB);
    }

    private static int ParseInt(string name, string v) =>
        int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out int r) && r >= 0 ? r : throw new ArgumentException($"{name} wants a whole number ≥ 0, got '{v}'");

    private static double ParseDouble(string name, string v) =>
        double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double r) && r >= 0 ? r : throw new ArgumentException($"{name} wants a number ≥ 0, got '{v}'");

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
