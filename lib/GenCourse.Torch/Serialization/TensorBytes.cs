using GenCourse.Torch.Interop;

namespace GenCourse.Torch.Serialization;

/// <summary>Raw little-endian bytes in and out of tensors, with no conversion (bit-exact).</summary>
internal static unsafe class TensorBytes
{
    /// <summary>Copies the tensor's contiguous CPU bytes (its own dtype) into <paramref name="dest"/>.</summary>
    internal static void CopyOut(Tensor t, byte* dest, long byteLength)
    {
        long written = NativeMethods.Check(NativeMethods.gc_tensor_copy_out(t.Handle, (int)t.dtype, dest, byteLength), "SafeTensors.Save");
        if (written != byteLength)
            throw new InvalidOperationException($"expected {byteLength} bytes from the tensor but got {written}");
    }

    /// <summary>A new CPU tensor of <paramref name="shape"/> and <paramref name="dtype"/> holding a copy of <paramref name="src"/>.</summary>
    internal static Tensor FromBytes(byte* src, long[] shape, ScalarType dtype)
    {
        fixed (long* s = shape)
            return Tensor.FromHandle(NativeMethods.Check(NativeMethods.gc_tensor_from_data(src, s, shape.Length, (int)dtype), "SafeTensors.Load"));
    }
}
