using System.Collections;
using System.Globalization;

namespace GenCourse.Notebooks.Runner.Formatting;

/// <summary>
/// Renders a displayed or returned value into a <see cref="MimeBundle"/>: the MIME types its
/// convention formatters provide (or those the caller asked for), always plus text/plain.
/// Strings are text/plain only; values without formatters are text/plain from their
/// invariant-culture text, so outputs do not depend on the machine's locale. TorchSharp tensors
/// are text/plain of their values or summary (<see cref="TensorText"/>) rather than what
/// TorchSharp's own formatters write, unless a MIME type is asked for.
/// </summary>
public static class ValueFormatter
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Formats <paramref name="value"/>; an empty <paramref name="mimeTypes"/> means "the type's own choice".</summary>
    public static MimeBundle Format(object? value, IReadOnlyList<string>? mimeTypes = null)
    {
        var bundle = new MimeBundle();
        if (value is null) { bundle.Add("text/plain", "<null>"); return bundle; }
        if (value is string s) { bundle.Add("text/plain", s); return bundle; }
        if (value is TorchSharp.torch.Tensor tensor && mimeTypes is not { Count: > 0 })
        {
            // TorchSharp's own convention formatters (text/plain and text/html) print every
            // element in the machine's culture: a batch of images would fill the notebook.
            bundle.Add("text/plain", TensorText.Format(tensor));
            return bundle;
        }
        if (value is HtmlContent html)
        {
            bundle.Add("text/html", html.Html);
            bundle.Add("text/plain", html.Html);
            return bundle;
        }

        TypeFormatters found = FormatterSources.For(value.GetType());
        var applicable = found.Formatters.Where(f => f.Accepts(value)).ToList();
        IReadOnlyList<string> wanted = mimeTypes is { Count: > 0 } ? mimeTypes
            : found.PreferredMimeTypes is { Count: > 0 } preferred ? preferred
            : applicable.Select(f => f.MimeType).Distinct().ToList();
        // A type's own formatters may decline a value (Format returns false); a MIME type the
        // caller or the attribute asked for must be produced.
        bool required = mimeTypes is { Count: > 0 } || found.PreferredMimeTypes is { Count: > 0 };

        foreach (string mime in wanted.Where(m => m != "text/plain"))
        {
            string? text = TryFormat(applicable, mime, value);
            if (text is null && !required) continue;
            if (text is null)
                throw new InvalidOperationException(
                    $"No formatter renders {TypeName(value.GetType())} as {mime}. " +
                    (applicable.Count == 0
                        ? $"The type carries no {FormatterSources.AttributeName}; display it without a MIME type to get text/plain."
                        : $"Its formatters provide: {string.Join(", ", applicable.Select(f => f.MimeType).Distinct())}."));
            bundle.Add(mime, Check(mime, text, value));
        }
        bundle.Add("text/plain", TryFormat(applicable, "text/plain", value) ?? PlainText(value));
        return bundle;
    }

    private static string? TryFormat(List<ConventionFormatter> formatters, string mime, object value)
    {
        foreach (ConventionFormatter formatter in formatters.Where(f => f.MimeType == mime))
        {
            using var writer = new StringWriter(CultureInfo.InvariantCulture);
            if (formatter.Format(value, writer)) return writer.ToString();
        }
        return null;
    }

    /// <summary>Binary MIME types arrive as base64 text (a TextWriter carries only text); check PNG really is PNG.</summary>
    private static string Check(string mime, string text, object value)
    {
        if (!MimeBundle.IsBase64MimeType(mime)) return text;
        string trimmed = string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(trimmed);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"The {mime} formatter of {TypeName(value.GetType())} must write base64 text; it wrote something else.");
        }
        if (mime == "image/png" && !bytes.AsSpan().StartsWith(PngSignature))
            throw new InvalidOperationException($"The image/png formatter of {TypeName(value.GetType())} wrote base64 that is not a PNG file (no PNG signature).");
        return trimmed;
    }

    /// <summary>text/plain for a value with no text/plain formatter.</summary>
    public static string PlainText(object? value, int depth = 0)
    {
        const int MaxItems = 100;
        switch (value)
        {
            case null: return "<null>";
            case string s: return s;
            case TorchSharp.torch.Tensor tensor: return TensorText.Format(tensor);
            case IFormattable f: return f.ToString(null, CultureInfo.InvariantCulture);
            case IEnumerable items when depth < 3 && value.GetType().GetMethod("ToString", Type.EmptyTypes)?.DeclaringType == typeof(object):
                var parts = new List<string>();
                foreach (object? item in items)
                {
                    if (parts.Count == MaxItems) { parts.Add("…"); break; }
                    parts.Add(PlainText(item, depth + 1));
                }
                return "[" + string.Join(", ", parts) + "]";
            default:
                return value.ToString() ?? TypeName(value.GetType());
        }
    }

    /// <summary>Script types are nested in <c>Submission#N</c>; show the name a reader wrote.</summary>
    private static string TypeName(Type type) => type.Name;
}
