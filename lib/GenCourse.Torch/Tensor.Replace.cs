using GenCourse.Torch.Interop;

namespace GenCourse.Torch;

// Swapping the native tensor behind a Tensor object. nn.Module.to(device) moves a parameter
// this way (PyTorch's `param.data = param.to(device)`), so every field, list and optimizer that
// holds the Tensor object sees the moved tensor.
public sealed partial class Tensor
{
    /// <summary>
    /// Makes this object hold <paramref name="source"/>'s native tensor and frees the one it held.
    /// <paramref name="source"/> is left empty (disposed) and leaves its scope.
    /// </summary>
    internal void ReplaceWith(Tensor source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (ReferenceEquals(source, this)) return;
        _ = Handle;                                    // throws if this tensor is disposed
        IntPtr fresh = Interlocked.Exchange(ref source.handle, IntPtr.Zero);
        if (fresh == IntPtr.Zero) ThrowDisposed();
        source.Scope = null;
        source.guard?.Disarm();                        // the handle now belongs to this object
        source.guard = null;
        IntPtr old = Interlocked.Exchange(ref handle, fresh);
        if (guard is not null)
        {
            guard.Disarm();
            guard = new HandleGuard(fresh);
        }
        if (old != IntPtr.Zero) NativeMethods.gc_tensor_free(old);
    }
}
