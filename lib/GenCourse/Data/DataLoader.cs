using System.Collections;
using TorchSharp;
using static TorchSharp.torch;
using GenCourse.Engine;

namespace GenCourse.Data;

/// <summary>
/// Mini-batches from an in-memory data set, as PyTorch's <c>DataLoader</c> over a
/// <c>TensorDataset</c>: every index appears exactly once per epoch (in the last, smaller batch
/// unless <see cref="DropLast"/>); with <see cref="Shuffle"/> the order is a random permutation
/// that depends only on the seed and the epoch number, so a run is reproducible and each epoch
/// differs. Each <c>foreach</c> over the loader is the next epoch:
/// <code>
/// var loader = new DataLoader(train, batchSize: 128, shuffle: true, seed: 0);
/// for (int epoch = 0; epoch &lt; 10; ++epoch)
///     foreach (Batch batch in loader)
///         using (batch)
///         using (torch.NewDisposeScope()) { … batch.Images … }
/// </code>
/// A batch's tensors are copies (changing them leaves the data set alone), created when the
/// batch is drawn, before the loop body runs: they join the dispose scope open around the loop,
/// if any, and <c>using (batch)</c> frees them as soon as the step is done.
/// </summary>
public sealed class DataLoader : IEnumerable<Batch>
{
    private readonly Tensor images;
    private readonly Tensor? labels;
    private readonly Func<Tensor, Tensor>? transform;
    private long nextEpoch;

    /// <summary>A loader over an <see cref="ImageDataset"/>'s images and labels.</summary>
    public DataLoader(ImageDataset data, int batchSize, bool shuffle = false, ulong seed = 0, bool dropLast = false,
        Device? device = null, Func<Tensor, Tensor>? transform = null)
        : this((data ?? throw new ArgumentNullException(nameof(data))).Images, data.Labels, batchSize, shuffle, seed, dropLast, device, transform)
    {
    }

    /// <summary>
    /// A loader over <paramref name="images"/> (any shape, first dimension N) and optionally
    /// <paramref name="labels"/> (first dimension N). The tensors are not copied or owned: keep
    /// them alive while the loader is used. Batches are moved to <paramref name="device"/>
    /// (default: where the data is), and then <paramref name="transform"/> (e.g. dynamic
    /// binarisation) is applied to the images of each batch.
    /// </summary>
    public DataLoader(Tensor images, Tensor? labels, int batchSize, bool shuffle = false, ulong seed = 0, bool dropLast = false,
        Device? device = null, Func<Tensor, Tensor>? transform = null)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "the batch size must be at least 1");
        if (images.dim() < 1) throw new ArgumentException("images need a first (sample) dimension; got a 0-d tensor", nameof(images));
        if (labels is not null && (labels.dim() < 1 || labels.size(0) != images.size(0)))
            throw new ArgumentException($"{images.size(0)} images but labels of shape [{string.Join(", ", labels.shape)}]", nameof(labels));
        this.images = images;
        this.labels = labels;
        this.transform = transform;
        BatchSize = batchSize;
        Shuffle = shuffle;
        Seed = seed;
        DropLast = dropLast;
        Device = device ?? images.device;
    }

    public int BatchSize { get; }
    public bool Shuffle { get; }
    public ulong Seed { get; }

    /// <summary>Whether the last batch is dropped when it has fewer than <see cref="BatchSize"/> samples.</summary>
    public bool DropLast { get; }

    /// <summary>Where the batches are put.</summary>
    public Device Device { get; }

    /// <summary>The number of samples N.</summary>
    public long SampleCount => images.size(0);

    /// <summary>Batches per epoch: ⌈N / B⌉, or ⌊N / B⌋ with <see cref="DropLast"/>.</summary>
    public long BatchCount => DropLast ? SampleCount / BatchSize : (SampleCount + BatchSize - 1) / BatchSize;

    /// <summary>The epoch the next <c>foreach</c> will run (0 for a new loader).</summary>
    public long NextEpoch => nextEpoch;

    /// <summary>Runs the next epoch (0, 1, 2, … for successive enumerations).</summary>
    public IEnumerator<Batch> GetEnumerator() => Epoch(nextEpoch++).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>
    /// The batches of a given epoch: the same sequence every time for the same seed and
    /// <paramref name="epoch"/> (e.g. to resume a run), without moving <see cref="NextEpoch"/>.
    /// </summary>
    public IEnumerable<Batch> Epoch(long epoch)
    {
        if (epoch < 0) throw new ArgumentOutOfRangeException(nameof(epoch), epoch, "epochs are numbered from 0");
        return Batches(epoch);
    }

    /// <summary>The sample indices of each batch of <paramref name="epoch"/>, in order (for tests and inspection).</summary>
    public IEnumerable<long[]> BatchIndices(long epoch)
    {
        long[] order = Order(epoch);
        for (long b = 0; b < BatchCount; ++b)
        {
            int start = (int)(b * BatchSize);
            yield return order[start..(int)Math.Min(start + (long)BatchSize, order.Length)];
        }
    }

    private IEnumerable<Batch> Batches(long epoch)
    {
        long n = SampleCount;
        using Tensor order = OrderTensor(epoch);
        for (long b = 0; b < BatchCount; ++b)
        {
            long start = b * BatchSize;
            long size = Math.Min(BatchSize, n - start);
            yield return MakeBatch(order, start, size);
        }
    }

    private Batch MakeBatch(Tensor order, long start, long size)
    {
        using Tensor index = order.narrow(0, start, size);
        Tensor x = Take(images, index);
        Tensor? y = labels is null ? null : Take(labels, index);
        if (transform is not null)
        {
            Tensor transformed = transform(x);
            if (!ReferenceEquals(transformed, x)) x.Dispose();
            x = transformed;
        }
        return new Batch(x, y);
    }

    /// <summary>Rows <paramref name="index"/> of <paramref name="source"/>, copied, on <see cref="Device"/>.</summary>
    private Tensor Take(Tensor source, Tensor index)
    {
        Tensor rows;
        if (source.device.SameAs(index.device)) rows = source.index_select(0, index);
        else
        {
            using Tensor moved = index.to(source.device);
            rows = source.index_select(0, moved);
        }
        if (rows.device.SameAs(Device)) return rows;
        using (rows) return rows.to(Device);
    }

    /// <summary>Epoch <paramref name="epoch"/>'s order: 0 … N−1, or a permutation seeded by (seed, epoch).</summary>
    private Tensor OrderTensor(long epoch)
    {
        if (!Shuffle) return torch.arange(SampleCount).DetachFromDisposeScope();
        using var generator = new Generator(EpochSeed(Seed, epoch));
        return torch.randperm(SampleCount, generator: generator).DetachFromDisposeScope();
    }

    private long[] Order(long epoch)
    {
        using Tensor order = OrderTensor(epoch);
        return order.ToArray<long>();
    }

    /// <summary>
    /// One seed per (seed, epoch) pair, mixed with SplitMix64's finaliser so that nearby seeds and
    /// epochs give unrelated permutations.
    /// </summary>
    internal static ulong EpochSeed(ulong seed, long epoch)
    {
        ulong z = seed + 0x9E3779B97F4A7C15UL * (ulong)(epoch + 1);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
