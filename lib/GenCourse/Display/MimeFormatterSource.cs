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
