namespace GenCourse.Notebooks.Runner.Export;

/// <summary>Notebook code that has no equivalent in a file-based app; the message names the cell and the way out.</summary>
public sealed class ExportException(string message) : Exception(message);
