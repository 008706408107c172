using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;

namespace GenCourse.Notebooks.Runner.Formatting;

/// <summary>
/// Finds a type's formatters the way .NET Interactive's <c>Formatter.TryRegisterFromFormatterSources</c>
/// does, without a reference to any package: an attribute whose type is named
/// <c>TypeFormatterSourceAttribute</c> (any namespace, internal is fine) names a
/// <c>FormatterSourceType</c> and optionally <c>PreferredMimeTypes</c>; the source is created
/// with <see cref="Activator"/>, and its public <c>CreateTypeFormatters()</c> returns the
/// formatters. Results are cached per type.
/// </summary>
internal static class FormatterSources
{
    internal const string AttributeName = "TypeFormatterSourceAttribute";

    private static readonly ConcurrentDictionary<Type, TypeFormatters> Cache = new();

    public static TypeFormatters For(Type type) => Cache.GetOrAdd(type, Discover);

    private static TypeFormatters Discover(Type type)
    {
        var formatters = new List<ConventionFormatter>();
        List<string>? preferred = null;
        foreach (Type candidate in SelfBasesAndInterfaces(type))
        {
            foreach (object attribute in candidate.GetCustomAttributes(inherit: false))
            {
                Type attributeType = attribute.GetType();
                if (attributeType.Name != AttributeName) continue;
                Type source = ReadSourceType(attribute, attributeType, candidate);
                if (preferred is null && ReadPreferredMimeTypes(attribute, attributeType) is { Count: > 0 } p) preferred = p;
                formatters.AddRange(CreateFormatters(source, candidate));
            }
        }
        return new TypeFormatters(formatters, preferred);
    }

    private static IEnumerable<Type> SelfBasesAndInterfaces(Type type)
    {
        for (Type? t = type; t is not null && t != typeof(object); t = t.BaseType) yield return t;
        foreach (Type i in type.GetInterfaces()) yield return i;
    }

    private static Type ReadSourceType(object attribute, Type attributeType, Type carrier)
    {
        PropertyInfo? property = attributeType.GetProperty("FormatterSourceType", BindingFlags.Public | BindingFlags.Instance);
        if (property?.GetValue(attribute) is Type source) return source;
        throw new InvalidOperationException(
            $"{carrier.FullName} carries a {AttributeName} without a readable Type FormatterSourceType property; " +
            "declare it as in .NET Interactive: `public Type FormatterSourceType { get; }` set from the constructor.");
    }

    private static List<string>? ReadPreferredMimeTypes(object attribute, Type attributeType)
    {
        PropertyInfo? property = attributeType.GetProperty("PreferredMimeTypes", BindingFlags.Public | BindingFlags.Instance);
        return property?.GetValue(attribute) is IEnumerable<string> mimes ? mimes.ToList() : null;
    }

    private static IEnumerable<ConventionFormatter> CreateFormatters(Type source, Type carrier)
    {
        object instance;
        try
        {
            instance = Activator.CreateInstance(source, nonPublic: true)
                ?? throw new InvalidOperationException($"Activator returned null for {source.FullName}.");
        }
        catch (Exception e) when (e is MissingMethodException or TargetInvocationException or MemberAccessException)
        {
            throw new InvalidOperationException(
                $"The formatter source {source.FullName} (named by {carrier.FullName}'s {AttributeName}) could not be created: " +
                $"{(e as TargetInvocationException)?.InnerException?.Message ?? e.Message} It needs a parameterless constructor.", e);
        }

        MethodInfo create = source.GetMethod("CreateTypeFormatters", BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes)
            ?? throw new InvalidOperationException(
                $"The formatter source {source.FullName} has no public CreateTypeFormatters() method returning the formatters.");
        if (create.Invoke(instance, null) is not IEnumerable created)
            throw new InvalidOperationException($"{source.FullName}.CreateTypeFormatters() must return an IEnumerable of formatters.");

        foreach (object? formatter in created)
        {
            if (formatter is null) continue;
            Type ft = formatter.GetType();
            string mime = ft.GetProperty("MimeType", BindingFlags.Public | BindingFlags.Instance)?.GetValue(formatter) as string
                ?? throw new InvalidOperationException($"The formatter {ft.FullName} from {source.FullName} has no public string MimeType property.");
            Type? appliesTo = ft.GetProperty("Type", BindingFlags.Public | BindingFlags.Instance)?.GetValue(formatter) as Type;
            // .NET Interactive compiles this method to Func<object, TextWriter, bool>, so the
            // signature must match exactly; so must ours, or a formatter would work in one host only.
            MethodInfo? format = ft.GetMethod("Format", BindingFlags.Public | BindingFlags.Instance, [typeof(object), typeof(TextWriter)]);
            if (format is null || format.ReturnType != typeof(bool))
                throw new InvalidOperationException(
                    $"The formatter {ft.FullName} ({mime}) needs a public `bool Format(object value, TextWriter writer)` method; .NET Interactive requires exactly that signature.");
            yield return new ConventionFormatter(mime, appliesTo, format.CreateDelegate<Func<object, TextWriter, bool>>(formatter), ft.FullName ?? ft.Name);
        }
    }
}
