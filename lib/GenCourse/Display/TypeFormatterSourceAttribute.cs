namespace GenCourse.Display;

/// <summary>
/// .NET Interactive's convention-based formatter hook, matched by name: when a type carries an
/// attribute whose class is named <c>TypeFormatterSourceAttribute</c>, Polyglot Notebooks (and
/// the course's own runner) read <see cref="FormatterSourceType"/> and <see cref="PreferredMimeTypes"/>
/// by reflection, create the source, and call its public <c>CreateTypeFormatters()</c>. No package
/// reference is needed (dotnet/interactive, Formatting/Formatter.cs, TryRegisterFromFormatterSources).
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = true)]
internal sealed class TypeFormatterSourceAttribute : Attribute
{
    public TypeFormatterSourceAttribute(Type formatterSourceType)
    {
        FormatterSourceType = formatterSourceType;
    }

    /// <summary>A class with a public parameterless constructor and a public <c>CreateTypeFormatters()</c>.</summary>
    public Type FormatterSourceType { get; }

    /// <summary>The MIME types a displayed value is written in, most preferred first.</summary>
    public string[]? PreferredMimeTypes { get; set; }
}
