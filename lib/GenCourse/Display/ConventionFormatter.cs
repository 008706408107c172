namespace GenCourse.Display;

/// <summary>
/// A formatter in the shape .NET Interactive's convention expects: public <c>string MimeType</c>,
/// <c>Type Type</c>, and exactly one public <c>bool Format(object, TextWriter)</c> (it is compiled
/// into a <c>Func&lt;object, TextWriter, bool&gt;</c>, so the signature must match and not be overloaded).
/// </summary>
internal sealed class ConventionFormatter(Type type, string mimeType)
{
    public string MimeType { get; } = mimeType;

    public Type Type { get; } = type;

    public bool Format(object instance, TextWriter writer) =>
        instance is IMimeFormattable value && value.WriteMime(MimeType, writer);
}
