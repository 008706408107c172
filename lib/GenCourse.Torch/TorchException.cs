namespace GenCourse.Torch;

/// <summary>
/// An error raised by libtorch (or the bridge), with the operator that failed and the first
/// line of libtorch's message, e.g.
/// <c>aten::mm: mat1 and mat2 shapes cannot be multiplied (2x3 and 2x3)</c>.
/// </summary>
public sealed class TorchException : Exception
{
    public TorchException(string operation, string message) : base($"{operation}: {message}")
    {
        Operation = operation;
        NativeMessage = message;
    }

    /// <summary>The operator or bridge function that failed, e.g. <c>aten::mm</c>.</summary>
    public string Operation { get; }

    /// <summary>libtorch's own first line.</summary>
    public string NativeMessage { get; }
}
