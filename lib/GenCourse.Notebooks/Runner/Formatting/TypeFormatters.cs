namespace GenCourse.Notebooks.Runner.Formatting;

/// <summary>The formatters found for one type, and the MIME types its attribute prefers.</summary>
internal sealed record TypeFormatters(IReadOnlyList<ConventionFormatter> Formatters, IReadOnlyList<string>? PreferredMimeTypes);
