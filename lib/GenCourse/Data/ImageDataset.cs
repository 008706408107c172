using TorchSharp;
using static TorchSharp.torch;
using GenCourse.Engine;

namespace GenCourse.Data;

/// <summary>
/// An in-memory labelled image data set: images <c>[N, C, H, W]</c> (float32, in [0, 1] as
/// loaded) and labels <c>[N]</c> (int64), with the class names. The data set owns both tensors:
/// they belong to no dispose scope (so loading inside a training step's scope does not free
/// them) and are freed by <see cref="Dispose"/>.
/// </summary>
public sealed class ImageDataset : IDisposable
{
    /// <summary>
    /// Takes ownership of <paramref name="images"/> and <paramref name="labels"/> (they leave any
    /// dispose scope). Checks that the images are 4-d, the labels 1-d int64 and equally many.
    /// </summary>
    public ImageDataset(string name, Tensor images, Tensor labels, IReadOnlyList<string> classNames)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(classNames);
        if (images.dim() != 4)
            throw new ArgumentException($"images must be [N, C, H, W]; got shape [{string.Join(", ", images.shape)}]", nameof(images));
        if (labels.dim() != 1 || labels.dtype != ScalarType.Int64)
            throw new ArgumentException($"labels must be a 1-d int64 tensor; got {labels.dtype} of shape [{string.Join(", ", labels.shape)}]", nameof(labels));
        if (labels.size(0) != images.size(0))
            throw new ArgumentException($"{images.size(0)} images but {labels.size(0)} labels", nameof(labels));
        Name = name;
        Images = images.DetachFromDisposeScope();
        Labels = labels.DetachFromDisposeScope();
        ClassNames = classNames;
    }

    /// <summary>A short name for display, e.g. "MNIST train".</summary>
    public string Name { get; }

    /// <summary>The images, <c>[N, C, H, W]</c>.</summary>
    public Tensor Images { get; }

    /// <summary>The class index of each image, <c>[N]</c> int64.</summary>
    public Tensor Labels { get; }

    /// <summary>The name of each class index.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>The number of images N.</summary>
    public long Count => Images.size(0);

    /// <summary>The shape of one image, <c>[C, H, W]</c>.</summary>
    public long[] ImageShape => Images.shape[1..];

    /// <summary>
    /// <paramref name="count"/> images drawn without replacement, the same ones for the same
    /// <paramref name="seed"/> (the first <paramref name="count"/> entries of a seeded random
    /// permutation). A new data set owning copies.
    /// </summary>
    public ImageDataset RandomSubset(long count, ulong seed)
    {
        if (count < 1 || count > Count)
            throw new ArgumentOutOfRangeException(nameof(count), count, $"a subset of {Name} needs between 1 and {Count} images");
        using (torch.NewDisposeScope())
        {
            using var generator = new Generator(seed);
            Tensor index = torch.randperm(Count, generator: generator).narrow(0, 0, count);
            index = index.to(Images.device);
            return new ImageDataset($"{Name} (random {count}, seed {seed})",
                Images.index_select(0, index), Labels.index_select(0, index.to(Labels.device)), ClassNames);
        }
    }

    /// <summary>A copy of this data set on <paramref name="device"/> (e.g. the GPU, to batch there).</summary>
    public ImageDataset To(Device device)
    {
        using (torch.NewDisposeScope())
            return new ImageDataset(Name, Images.to(device, copy: true), Labels.to(device, copy: true), ClassNames);
    }

    /// <summary>How many images each class has, indexed by class.</summary>
    public long[] ClassCounts()
    {
        var counts = new long[ClassNames.Count];
        foreach (long label in Labels.ToArray<long>())
        {
            if (label < 0 || label >= counts.Length)
                throw new InvalidOperationException($"{Name} has label {label}, outside the {counts.Length} classes");
            counts[label]++;
        }
        return counts;
    }

    public override string ToString() =>
        $"{Name}: {Count} images of [{string.Join(", ", ImageShape)}], {ClassNames.Count} classes";

    /// <summary>Frees the images and labels.</summary>
    public void Dispose()
    {
        Images.Dispose();
        Labels.Dispose();
    }
}
