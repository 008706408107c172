using System.Runtime.InteropServices;
using GenCourse.Torch.Interop;

namespace GenCourse.Torch;

/// <summary>
/// The engine's entry point, named as PyTorch's <c>torch</c> module:
/// <c>torch.randn(64, 1, 28, 28)</c>, <c>torch.zeros(3, 4)</c>, <c>torch.no_grad()</c>.
/// </summary>
public static partial class torch
{
    public const ScalarType float32 = ScalarType.Float32;
    public const ScalarType float64 = ScalarType.Float64;
    public const ScalarType float16 = ScalarType.Float16;
    public const ScalarType bfloat16 = ScalarType.BFloat16;
    public const ScalarType int64 = ScalarType.Int64;
    public const ScalarType int32 = ScalarType.Int32;
    public const ScalarType int16 = ScalarType.Int16;
    public const ScalarType int8 = ScalarType.Int8;
    public const ScalarType uint8 = ScalarType.UInt8;
    public const ScalarType @bool = ScalarType.Bool;
    public const ScalarType @float = ScalarType.Float32;
    public const ScalarType @double = ScalarType.Float64;
    public const ScalarType @long = ScalarType.Int64;

    /// <summary>A device from "cpu", "cuda" or "cuda:N".</summary>
    public static Device device(string spec) => Device.Parse(spec);

    /// <summary>A device of a type and index.</summary>
    public static Device device(DeviceType type, int index = -1) => new(type, index);

    /// <summary>Opens a scope that disposes every tensor created on this thread until it closes.</summary>
    public static DisposeScope NewDisposeScope() => new();

    /// <summary>Seeds every generator libtorch has (CPU and all CUDA devices).</summary>
    public static void manual_seed(long seed) =>
        NativeMethods.Check(NativeMethods.gc_manual_seed(unchecked((ulong)seed)), "torch.manual_seed");

    /// <summary>Native tensors alive now (handles not yet freed); tests assert it returns to a baseline.</summary>
    public static long LiveTensorCount => NativeMethods.gc_live_tensors();

    /// <summary>Intra-op threads libtorch uses.</summary>
    public static int get_num_threads() => NativeMethods.gc_get_num_threads();

    /// <summary>Sets the intra-op threads libtorch uses.</summary>
    public static void set_num_threads(int threads)
    {
        if (threads < 1) throw new ArgumentOutOfRangeException(nameof(threads), threads, "the number of threads must be at least 1");
        NativeMethods.Check(NativeMethods.gc_set_num_threads(threads), "torch.set_num_threads");
    }

    /// <summary>The libtorch version the bridge was built against, e.g. "1.13.0".</summary>
    public static unsafe string __version__ => NativeMethods.Utf8(NativeMethods.gc_torch_version());

    /// <summary>Facts about the native runtime, for <c>gencourse doctor</c> and bug reports.</summary>
    public static unsafe RuntimeInfo runtime_info()
    {
        byte* buffer = stackalloc byte[4096];
        NativeMethods.Check(NativeMethods.gc_parallel_info(buffer, 4096), "torch.runtime_info");
        return new RuntimeInfo(
            TorchVersion: __version__,
            TorchDir: NativeMethods.Utf8(NativeMethods.gc_torch_dir()),
            BridgePath: NativeLoader.LoadedFrom ?? "",
            Threads: get_num_threads(),
            ThreadSource: NativeLoader.ThreadSource,
            OmpWaitPolicy: NativeLoader.WaitPolicy,
            ParallelInfo: NativeMethods.Utf8(buffer));
    }
}

/// <summary>What <see cref="torch.runtime_info"/> reports.</summary>
public sealed record RuntimeInfo(
    string TorchVersion, string TorchDir, string BridgePath, int Threads, string ThreadSource,
    string OmpWaitPolicy, string ParallelInfo);
