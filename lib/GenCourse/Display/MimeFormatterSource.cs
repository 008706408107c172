namespace GenCourse.Display;

/// <summary>
/// The formatter source named by <see cref="TypeFormatterSourceAttribute"/>: one formatter per
/// MIME type that <typeparamref name="T"/> writes. .NET Interactive calls this by reflection.
/// </summary>
internal sealed class MimeFormatterSource<T> where T : IMimeFormattable
{
    public IEnumerable<object> CreateTypeFormatters() =>
        T.MimeTypes.Select(mime => new ConventionFormatter(typeof(T), mime)).ToArray();
}

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
