namespace GenCourse.Data;

/// <summary>
/// A data file that is present but cannot be trusted: a wrong magic number, a truncated file,
/// a label out of range. The message names the file and what was wrong; nothing partial is
/// returned. (A file that is absent is a <see cref="FileNotFoundException"/> naming the command
/// that installs it.)
/// </summary>
public sealed class DataFileException : IOException
{
    public DataFileException(string path, string problem) : base($"{path}: {problem}")
    {
        FilePath = path;
        Problem = problem;
    }

    /// <summary>The file that was being read.</summary>
    public string FilePath { get; }

    /// <summary>What was wrong, without the file name.</summary>
    public string Problem { get; }
}
