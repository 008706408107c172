namespace GenCourse.Data;

/// <summary>
/// The element type codes of the IDX format (LeCun et al.), stored in the third byte of the
/// magic number. Multi-byte values are big-endian in the file.
/// </summary>
public enum IdxElementType : byte
{
    UInt8 = 0x08,
    Int8 = 0x09,
    Int16 = 0x0B,
    Int32 = 0x0C,
    Float32 = 0x0D,
    Float64 = 0x0E,
}
