namespace GenCourse.Notebooks.Runner.Formatting;

/// <summary>
/// A formatter found through .NET Interactive's convention: its <c>MimeType</c>, the
/// optional <c>Type</c> it applies to (null: the type that carries the attribute), and its
/// <c>bool Format(object, TextWriter)</c> as a delegate.
/// </summary>
internal sealed record ConventionFormatter(string MimeType, Type? AppliesTo, Func<object, TextWriter, bool> Format, string SourceName)
{
    public bool Accepts(object value) => AppliesTo is null || AppliesTo.IsInstanceOfType(value);
}
