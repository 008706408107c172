namespace GenCourse.Notebooks.Runner;

/// <summary>
/// A notebook, a parameter or an option that the runner refuses before running any cell:
/// the message says what was wrong and what to do.
/// </summary>
public sealed class NotebookFormatException(string message) : Exception(message);
