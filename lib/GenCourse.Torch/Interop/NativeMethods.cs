using System.Runtime.InteropServices;

namespace GenCourse.Torch.Interop;

/// <summary>
/// Every native entry point of the bridge (native/bridge_*.cpp). Nothing outside
/// <c>Interop</c> sees an <see cref="IntPtr"/>. Functions return -1 or null on failure
/// after setting the thread's error slot, which <see cref="Check(int,string)"/> turns into a
/// <see cref="TorchException"/>.
/// </summary>
internal static unsafe partial class NativeMethods
{
    internal const string Lib = "gencourse_torch";

    [LibraryImport(Lib)] internal static partial byte* gc_last_error();

    [LibraryImport(Lib)] internal static partial void gc_tensor_free(IntPtr h);
    [LibraryImport(Lib)] internal static partial long gc_live_tensors();
    [LibraryImport(Lib)] internal static partial IntPtr gc_tensor_alias(IntPtr h);

    [LibraryImport(Lib)] internal static partial IntPtr gc_tensor_from_data(void* data, long* shape, int ndim, int scalarType);
    [LibraryImport(Lib)] internal static partial long gc_tensor_copy_out(IntPtr h, int scalarType, void* dest, long capacity);

    [LibraryImport(Lib)] internal static partial int gc_tensor_ndim(IntPtr h);
    [LibraryImport(Lib)] internal static partial int gc_tensor_shape(IntPtr h, long* shape, int cap);
    [LibraryImport(Lib)] internal static partial long gc_tensor_numel(IntPtr h);
    [LibraryImport(Lib)] internal static partial int gc_tensor_dtype(IntPtr h);
    [LibraryImport(Lib)] internal static partial int gc_tensor_device(IntPtr h, int* index);
    [LibraryImport(Lib)] internal static partial int gc_tensor_requires_grad(IntPtr h);
    [LibraryImport(Lib)] internal static partial int gc_tensor_set_requires_grad(IntPtr h, int value);
    [LibraryImport(Lib)] internal static partial int gc_tensor_is_leaf(IntPtr h);

    [LibraryImport(Lib)] internal static partial int gc_backward(IntPtr h, IntPtr grad, int retainGraph, int createGraph);
    [LibraryImport(Lib)]
    internal static partial int gc_autograd_grad(IntPtr* outputs, int nOut, IntPtr* inputs, int nIn, IntPtr* gradOutputs,
        int retainGraph, int createGraph, int allowUnused, IntPtr* result);
    [LibraryImport(Lib)] internal static partial IntPtr gc_tensor_grad(IntPtr h);
    [LibraryImport(Lib)] internal static partial int gc_tensor_set_grad(IntPtr h, IntPtr grad);
    [LibraryImport(Lib)] internal static partial int gc_grad_enabled();
    [LibraryImport(Lib)] internal static partial void gc_set_grad_enabled(int enabled);

    [LibraryImport(Lib)] internal static partial int gc_manual_seed(ulong seed);
    [LibraryImport(Lib)] internal static partial int gc_get_num_threads();
    [LibraryImport(Lib)] internal static partial int gc_set_num_threads(int n);
    [LibraryImport(Lib)] internal static partial int gc_cuda_is_available();
    [LibraryImport(Lib)] internal static partial int gc_cuda_device_count();
    [LibraryImport(Lib)] internal static partial int gc_cuda_synchronize(int device);
    [LibraryImport(Lib)] internal static partial byte* gc_torch_version();
    [LibraryImport(Lib)] internal static partial byte* gc_torch_dir();
    [LibraryImport(Lib)] internal static partial int gc_parallel_info(byte* buffer, int cap);

    [LibraryImport(Lib)] internal static partial IntPtr gc_generator_new(ulong seed, int deviceType, int deviceIndex);
    [LibraryImport(Lib)] internal static partial void gc_generator_free(IntPtr g);
    [LibraryImport(Lib)] internal static partial int gc_generator_seed(IntPtr g, ulong seed);

    [LibraryImport(Lib)] internal static partial IntPtr gc_op_find(byte* name, byte* overload);
    [LibraryImport(Lib)] internal static partial int gc_op_schema(IntPtr op, byte* buffer, int cap);
    [LibraryImport(Lib)] internal static partial int gc_op_call(IntPtr op, NativeArg* args, int nargs, NativeResult* results, int cap);

    /// <summary>The thread's pending native error message (first line only), or a fallback.</summary>
    internal static string TakeError()
    {
        byte* p = gc_last_error();
        if (p == null) return "unknown native error (no message was recorded)";
        string full = Marshal.PtrToStringUTF8((IntPtr)p) ?? "";
        int newline = full.IndexOf('\n');
        return (newline >= 0 ? full[..newline] : full).Trim();
    }

    internal static int Check(int rc, string what)
    {
        if (rc < 0) throw new TorchException(what, TakeError());
        return rc;
    }

    internal static long Check(long rc, string what)
    {
        if (rc < 0) throw new TorchException(what, TakeError());
        return rc;
    }

    internal static IntPtr Check(IntPtr h, string what)
    {
        if (h == IntPtr.Zero) throw new TorchException(what, TakeError());
        return h;
    }

    internal static string Utf8(byte* p) => p == null ? "" : Marshal.PtrToStringUTF8((IntPtr)p) ?? "";
}
