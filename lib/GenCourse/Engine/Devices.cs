using TorchSharp;
using static TorchSharp.torch;

namespace GenCourse.Engine;

/// <summary>
/// Device comparison by value. TorchSharp 0.107.0's <c>torch.Device</c> has no value equality and
/// <c>Tensor.device</c> returns a new object on each call, so <c>x.device == y.device</c> is false
/// for two CPU tensors. Devices are equal when their type and index are ("cpu" has index −1).
/// </summary>
public static class Devices
{
    /// <summary>Whether <paramref name="a"/> and <paramref name="b"/> name the same device.</summary>
    public static bool SameAs(this Device a, Device b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return a.type == b.type && NormalIndex(a) == NormalIndex(b);
    }

    // "cuda" means the current CUDA device (index 0 unless changed); CPU ignores the index.
    private static long NormalIndex(Device d) => d.type == DeviceType.CPU ? -1 : Math.Max(d.index, 0);
}
