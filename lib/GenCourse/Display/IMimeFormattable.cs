namespace GenCourse.Display;

/// <summary>A type that can write itself in several MIME types (PNG as base64, the rest as text).</summary>
internal interface IMimeFormattable
{
    /// <summary>Every MIME type <see cref="WriteMime"/> accepts.</summary>
    static abstract IReadOnlyList<string> MimeTypes { get; }

    /// <summary>Writes the value in <paramref name="mimeType"/>; false for a type it does not write.</summary>
    bool WriteMime(string mimeType, TextWriter writer);
}
