using static TorchSharp.torch;

namespace GenCourse.Checkpoints;

/// <summary>Raw little-endian bytes in and out of tensors, with no conversion (bit-exact).</summary>
internal static unsafe class TensorBytes
{
    /// <summary>Copies the tensor's bytes (its own dtype, row-major) into <paramref name="dest"/>, from any device.</summary>
    internal static void CopyOut(Tensor t, byte* dest, long byteLength)
    {
        using Tensor cpu = t.detach().cpu();
        using Tensor dense = cpu.contiguous();
        if (dense.numel() * dense.element_size() != byteLength)
            throw new InvalidOperationException($"expected {byteLength} bytes from the tensor but it holds {dense.numel() * dense.element_size()}");
        if (byteLength > 0) dense.bytes.CopyTo(new Span<byte>(dest, checked((int)byteLength)));
    }

    /// <summary>A new CPU tensor of <paramref name="shape"/> and <paramref name="dtype"/> holding a copy of <paramref name="src"/>.</summary>
    internal static Tensor FromBytes(byte* src, long[] shape, ScalarType dtype)
    {
        Tensor t = empty(shape, dtype);
        long bytes = t.numel() * t.element_size();
        if (bytes > 0) t.bytes = new Span<byte>(src, checked((int)bytes));
        return t;
    }
}
