using System.Runtime.CompilerServices;
using GenCourse.Torch.Interop;

namespace GenCourse.Torch;

/// <summary>
/// A libtorch tensor. This object is the single owner of one native handle, freed exactly once
/// by <see cref="Dispose"/> (or by the <see cref="DisposeScope"/> that owns it; a finalizer is
/// only a safety net). Methods are named as in PyTorch and each is a thin call through the
/// bridge, so autograd, broadcasting and dtype promotion behave exactly as PyTorch's.
/// </summary>
public sealed partial class Tensor : IDisposable
{
    private IntPtr handle;

    // Frees the handle if this tensor is collected undisposed; null while a scope owns it.
    private HandleGuard? guard;

    private Tensor(IntPtr handle)
    {
        this.handle = handle;
        if (!DisposeScope.Adopt(this)) guard = new HandleGuard(handle);
    }

    /// <summary>Wraps a fresh native handle; the new tensor joins the current dispose scope.</summary>
    internal static Tensor FromHandle(IntPtr h) =>
        h != IntPtr.Zero ? new Tensor(h) : throw new TorchException("bridge", "a null tensor handle was returned");

    /// <summary>Like <see cref="FromHandle"/> but a null handle gives null (e.g. an absent .grad).</summary>
    internal static Tensor? FromHandleOrNull(IntPtr h) => h == IntPtr.Zero ? null : new Tensor(h);

    /// <summary>The scope that will dispose this tensor, if any.</summary>
    internal DisposeScope? Scope { get; set; }

    internal IntPtr Handle
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => handle != IntPtr.Zero ? handle : ThrowDisposed();
    }

    private static IntPtr ThrowDisposed() =>
        throw new ObjectDisposedException(nameof(Tensor),
            "This tensor was disposed (by Dispose() or by the DisposeScope that owned it). " +
            "Keep a result beyond its scope with MoveToOuterDisposeScope() or DetachFromDisposeScope().");

    /// <summary>True once the native tensor has been released.</summary>
    public bool IsDisposed => handle == IntPtr.Zero;

    /// <summary>Releases the native tensor. Disposing twice is harmless.</summary>
    public void Dispose()
    {
        IntPtr h = Interlocked.Exchange(ref handle, IntPtr.Zero);
        if (h != IntPtr.Zero)
        {
            guard?.Disarm();
            NativeMethods.gc_tensor_free(h);
        }
    }

    /// <summary>Hands this tensor to the scope enclosing its current one (or to none); returns it.</summary>
    public Tensor MoveToOuterDisposeScope()
    {
        DisposeScope? outer = Scope?.Outer;
        Scope = null;
        if (outer is null) GuardHandle();
        else outer.Add(this);
        return this;
    }

    /// <summary>Removes this tensor from every scope: the caller now disposes it; returns it.</summary>
    public Tensor DetachFromDisposeScope()
    {
        Scope = null;
        GuardHandle();
        return this;
    }

    // No scope owns this tensor any more: the finalizer safety net takes over.
    private void GuardHandle()
    {
        if (guard is null && handle != IntPtr.Zero) guard = new HandleGuard(handle);
    }

    // ---- metadata ----------------------------------------------------------------------

    /// <summary>The sizes of each dimension.</summary>
    public unsafe long[] shape
    {
        get
        {
            long* buffer = stackalloc long[16];
            int n = NativeMethods.Check(NativeMethods.gc_tensor_shape(Handle, buffer, 16), "Tensor.shape");
            var result = new long[n];
            if (n > 16)
            {
                fixed (long* p = result) NativeMethods.gc_tensor_shape(Handle, p, n);
            }
            else
            {
                for (int k = 0; k < n; ++k) result[k] = buffer[k];
            }
            return result;
        }
    }

    /// <summary>The size of dimension <paramref name="dim"/> (negative counts from the end).</summary>
    public long size(int dim)
    {
        long[] s = shape;
        int d = dim < 0 ? dim + s.Length : dim;
        if (d < 0 || d >= s.Length)
            throw new ArgumentOutOfRangeException(nameof(dim), $"dimension {dim} is out of range for a tensor with {s.Length} dimensions");
        return s[d];
    }

    /// <summary>The number of dimensions.</summary>
    public int dim() => NativeMethods.Check(NativeMethods.gc_tensor_ndim(Handle), "Tensor.dim");

    /// <summary>The number of dimensions (same as <see cref="dim"/>).</summary>
    public int ndim => dim();

    /// <summary>The number of elements.</summary>
    public long numel() => NativeMethods.Check(NativeMethods.gc_tensor_numel(Handle), "Tensor.numel");

    /// <summary>The element type.</summary>
    public ScalarType dtype => (ScalarType)NativeMethods.Check(NativeMethods.gc_tensor_dtype(Handle), "Tensor.dtype");

    /// <summary>Where the tensor lives.</summary>
    public unsafe Device device
    {
        get
        {
            int index;
            int type = NativeMethods.Check(NativeMethods.gc_tensor_device(Handle, &index), "Tensor.device");
            return new Device((DeviceType)type, index);
        }
    }

    /// <summary>True for a tensor on a CUDA device.</summary>
    public bool is_cuda => device.type == DeviceType.CUDA;

    /// <summary>Whether autograd records operations on this tensor.</summary>
    public bool requires_grad
    {
        get => NativeMethods.Check(NativeMethods.gc_tensor_requires_grad(Handle), "Tensor.requires_grad") != 0;
        set => NativeMethods.Check(NativeMethods.gc_tensor_set_requires_grad(Handle, value ? 1 : 0), "Tensor.requires_grad_");
    }

    /// <summary>True for a tensor not produced by a recorded operation.</summary>
    public bool is_leaf => NativeMethods.Check(NativeMethods.gc_tensor_is_leaf(Handle), "Tensor.is_leaf") != 0;

    /// <summary>A second tensor object for the same native tensor (same storage and autograd identity).</summary>
    internal Tensor Alias() => FromHandle(NativeMethods.Check(NativeMethods.gc_tensor_alias(Handle), "Tensor.alias"));
}
