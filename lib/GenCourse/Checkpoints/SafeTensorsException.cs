namespace GenCourse.Checkpoints;

/// <summary>
/// A safetensors file that cannot be read or does not match what the caller expects: a
/// truncated or hostile header, bad offsets, an unknown dtype, or a tensor whose shape differs
/// from the model's. The message names the file and, where there is one, the tensor.
/// </summary>
public sealed class SafeTensorsException : IOException
{
    public SafeTensorsException(string source, string problem) : base($"{source}: {problem}")
    {
        FilePath = source;
        Problem = problem;
    }

    /// <summary>The file (or stream description) that was being read.</summary>
    public string FilePath { get; }

    /// <summary>What was wrong, without the file name.</summary>
    public string Problem { get; }
}
