using TorchSharp;
using static TorchSharp.torch;

namespace GenCourse.Checkpoints;

/// <summary>
/// One tensor's entry in a safetensors header: its element type, shape, and where its bytes lie
/// in the data section (<c>[Begin, End)</c>, relative to the first byte after the header).
/// </summary>
public sealed record SafeTensorInfo(string Name, ScalarType DType, long[] Shape, long Begin, long End)
{
    /// <summary>The number of bytes the tensor occupies (End − Begin).</summary>
    public long ByteLength => End - Begin;

    /// <summary>The shape as text, e.g. <c>[400, 784]</c>.</summary>
    public string ShapeText => SafeTensorsHeader.FormatShape(Shape);
}
