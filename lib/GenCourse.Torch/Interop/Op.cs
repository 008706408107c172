using System.Runtime.CompilerServices;
using System.Text;

namespace GenCourse.Torch.Interop;

/// <summary>
/// One ATen operator, called by name through the c10 dispatcher's boxed interface
/// (ARCHITECTURE.md). The native handle is looked up once, on first use, and cached.
/// Arguments are passed in schema order, defaults included.
/// </summary>
// The argument and result buffers are fully written before the native call reads them.
[SkipLocalsInit]
internal sealed unsafe class Op
{
    private readonly string name;
    private readonly string overload;
    private IntPtr handle;

    internal Op(string name, string overload = "")
    {
        this.name = name;
        this.overload = overload;
    }

    /// <summary>The qualified name used in messages, e.g. <c>aten::mm</c>.</summary>
    internal string Name => name;

    private IntPtr Handle
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => handle != IntPtr.Zero ? handle : Lookup();
    }

    private IntPtr Lookup()
    {
        byte[] n = Encoding.UTF8.GetBytes(name + "\0");
        byte[] o = Encoding.UTF8.GetBytes(overload + "\0");
        fixed (byte* pn = n)
        fixed (byte* po = o)
        {
            IntPtr h = NativeMethods.gc_op_find(pn, po);
            if (h == IntPtr.Zero) throw new TorchException(name, NativeMethods.TakeError());
            handle = h;
            return h;
        }
    }

    /// <summary>The schema libtorch knows this operator by.</summary>
    internal string Schema()
    {
        byte* buffer = stackalloc byte[4096];
        int n = NativeMethods.gc_op_schema(Handle, buffer, 4096);
        return NativeMethods.Check(n, name) >= 0 ? NativeMethods.Utf8(buffer) : "";
    }

    /// <summary>Calls an operator that returns one tensor.</summary>
    internal Tensor Call(params ReadOnlySpan<Arg> args)
    {
        NativeResult* results = stackalloc NativeResult[4];
        int n = Invoke(args, results, 4);
        if (n != 1 || results[0].Kind != (int)ArgKind.Tensor)
        {
            FreeResults(results, n);
            throw new TorchException(name, $"expected one tensor result, got {n} values");
        }
        return Tensor.FromHandle(results[0].P);
    }

    /// <summary>Calls an in-place operator (<c>Tensor(a!) self</c>) and drops the returned alias.</summary>
    internal void CallInPlace(params ReadOnlySpan<Arg> args)
    {
        NativeResult* results = stackalloc NativeResult[4];
        int n = Invoke(args, results, 4);
        FreeResults(results, n);
    }

    /// <summary>Calls an operator that returns two tensors (e.g. values and indices).</summary>
    internal (Tensor, Tensor) Call2(params ReadOnlySpan<Arg> args)
    {
        NativeResult* results = stackalloc NativeResult[4];
        int n = Invoke(args, results, 4);
        if (n != 2 || results[0].Kind != (int)ArgKind.Tensor || results[1].Kind != (int)ArgKind.Tensor)
        {
            FreeResults(results, n);
            throw new TorchException(name, $"expected two tensor results, got {n} values");
        }
        return (Tensor.FromHandle(results[0].P), Tensor.FromHandle(results[1].P));
    }

    /// <summary>Calls an operator that returns a list or tuple of tensors.</summary>
    internal Tensor[] CallMany(params ReadOnlySpan<Arg> args)
    {
        const int cap = 1024;
        NativeResult[] buffer = new NativeResult[cap];
        fixed (NativeResult* results = buffer)
        {
            int n = Invoke(args, results, cap);
            var tensors = new Tensor[n];
            for (int k = 0; k < n; ++k)
            {
                if (results[k].Kind != (int)ArgKind.Tensor)
                {
                    FreeResults(results + k, n - k);
                    throw new TorchException(name, $"result {k} is not a tensor");
                }
                tensors[k] = Tensor.FromHandle(results[k].P);
            }
            return tensors;
        }
    }

    /// <summary>Calls an operator that returns one number (int, float or bool).</summary>
    internal double CallScalar(params ReadOnlySpan<Arg> args)
    {
        NativeResult* results = stackalloc NativeResult[4];
        int n = Invoke(args, results, 4);
        if (n != 1 || results[0].Kind is not ((int)ArgKind.Int or (int)ArgKind.Double or (int)ArgKind.Bool))
        {
            FreeResults(results, n);
            throw new TorchException(name, $"expected one number, got {n} values");
        }
        return results[0].Kind == (int)ArgKind.Double ? results[0].D : results[0].I;
    }

    private static void FreeResults(NativeResult* results, int n)
    {
        for (int k = 0; k < n; ++k)
            if (results[k].Kind == (int)ArgKind.Tensor && results[k].P != IntPtr.Zero)
                NativeMethods.gc_tensor_free(results[k].P);
    }

    private int Invoke(ReadOnlySpan<Arg> args, NativeResult* results, int cap)
    {
        IntPtr op = Handle;
        int nargs = args.Length;
        NativeArg* native = stackalloc NativeArg[nargs];

        // Lists travel as 8-byte words in one stack buffer (tensor handles, ints, doubles).
        int words = 0;
        for (int k = 0; k < nargs; ++k) words += ListLength(args[k]);
        long* scratch = stackalloc long[Math.Max(words, 1)];
        byte[]? strings = null;
        int used = 0;

        for (int k = 0; k < nargs; ++k)
        {
            ref readonly Arg a = ref args[k];
            NativeArg* d = native + k;
            d->Kind = (int)a.Kind;
            d->Len = 0;
            d->I = a.I;
            d->D = a.D;
            d->P = IntPtr.Zero;
            switch (a.Kind)
            {
                case ArgKind.Tensor:
                    d->P = ((Tensor)a.Ref!).Handle;
                    break;
                case ArgKind.Device:
                    d->Len = (int)a.D;
                    break;
                case ArgKind.Generator:
                    d->P = ((Generator)a.Ref!).Handle;
                    break;
                case ArgKind.IntList:
                {
                    var v = (long[])a.Ref!;
                    d->P = (IntPtr)(scratch + used);
                    d->Len = v.Length;
                    v.AsSpan().CopyTo(new Span<long>(scratch + used, v.Length));
                    used += v.Length;
                    break;
                }
                case ArgKind.DoubleList:
                {
                    var v = (double[])a.Ref!;
                    d->P = (IntPtr)(scratch + used);
                    d->Len = v.Length;
                    v.AsSpan().CopyTo(new Span<double>(scratch + used, v.Length));
                    used += v.Length;
                    break;
                }
                case ArgKind.BoolList:
                {
                    var v = (bool[])a.Ref!;
                    d->P = (IntPtr)(scratch + used);
                    d->Len = v.Length;
                    for (int j = 0; j < v.Length; ++j) scratch[used + j] = v[j] ? 1 : 0;
                    used += v.Length;
                    break;
                }
                case ArgKind.TensorList:
                case ArgKind.OptionalTensorList:
                {
                    var v = (Tensor?[])a.Ref!;
                    d->P = (IntPtr)(scratch + used);
                    d->Len = v.Length;
                    for (int j = 0; j < v.Length; ++j) scratch[used + j] = v[j] is Tensor t ? (long)t.Handle : 0;
                    used += v.Length;
                    break;
                }
                case ArgKind.String:
                    strings ??= new byte[StringBytes(args)];
                    break;
            }
        }

        int rc;
        fixed (byte* text = strings)
        {
            int offset = 0;
            for (int k = 0; k < nargs && strings is not null; ++k)
            {
                if (args[k].Kind != ArgKind.String) continue;
                var s = (string)args[k].Ref!;
                int len = Encoding.UTF8.GetBytes(s, strings.AsSpan(offset));
                strings[offset + len] = 0;
                native[k].P = (IntPtr)(text + offset);
                offset += len + 1;
            }
            rc = NativeMethods.gc_op_call(op, native, nargs, results, cap);
        }

        // The tensors whose handles were read must outlive the native call.
        for (int k = 0; k < nargs; ++k) GC.KeepAlive(args[k].Ref);
        if (rc < 0) throw new TorchException(name, NativeMethods.TakeError());
        return rc;
    }

    private static int ListLength(in Arg a) => a.Kind switch
    {
        ArgKind.IntList => ((long[])a.Ref!).Length,
        ArgKind.DoubleList => ((double[])a.Ref!).Length,
        ArgKind.BoolList => ((bool[])a.Ref!).Length,
        ArgKind.TensorList or ArgKind.OptionalTensorList => ((Tensor?[])a.Ref!).Length,
        _ => 0,
    };

    private static int StringBytes(ReadOnlySpan<Arg> args)
    {
        int total = 0;
        foreach (ref readonly Arg a in args)
            if (a.Kind == ArgKind.String) total += Encoding.UTF8.GetByteCount((string)a.Ref!) + 1;
        return total;
    }
}
