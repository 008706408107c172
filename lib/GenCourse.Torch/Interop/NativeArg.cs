using System.Runtime.InteropServices;

namespace GenCourse.Torch.Interop;

/// <summary>Argument kinds understood by <c>gc_op_call</c> (mirrors native/bridge_dispatch.cpp).</summary>
internal enum ArgKind
{
    None = 0,
    Tensor = 1,
    Int = 2,
    Double = 3,
    Bool = 4,
    IntList = 5,
    DoubleList = 6,
    TensorList = 7,
    ScalarType = 8,
    Device = 9,
    String = 10,
    OptionalTensorList = 11,
    BoolList = 12,
    Generator = 13,
}

/// <summary>One argument as the bridge reads it: 32 bytes, blittable.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NativeArg
{
    public int Kind;
    public int Len;
    public long I;
    public double D;
    public IntPtr P;
}

/// <summary>One result value; tuples and tensor lists arrive flattened.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NativeResult
{
    public int Kind;
    public int Pad;
    public long I;
    public double D;
    public IntPtr P;
}
