namespace GenCourse.Notebooks.Cli;

/// <summary>A command line the commands cannot act on; the message says what to type instead.</summary>
public sealed class UsageException(string message) : Exception(message);
