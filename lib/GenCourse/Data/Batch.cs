using TorchSharp;
using static TorchSharp.torch;

namespace GenCourse.Data;

/// <summary>
/// One mini-batch from a <see cref="DataLoader"/>: images <c>[B, …]</c> and, when the loader has
/// them, labels <c>[B]</c>. Disposing frees both (they are copies of the data set's rows).
/// </summary>
public sealed record Batch(Tensor Images, Tensor? Labels) : IDisposable
{
    /// <summary>The number of samples B.</summary>
    public long Size => Images.size(0);

    public void Dispose()
    {
        Images.Dispose();
        Labels?.Dispose();
    }
}
