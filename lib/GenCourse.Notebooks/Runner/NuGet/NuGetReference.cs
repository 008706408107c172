namespace GenCourse.Notebooks.Runner.NuGet;

/// <summary>
/// A package named by <c>#r "nuget: Id, Version"</c> (.NET Interactive's syntax: the
/// <c>nuget:</c> prefix, then the id and an optional version split at the first comma).
/// A missing version means the latest, as in .NET Interactive.
/// </summary>
public sealed record NuGetReference(string Id, string? Version)
{
    public const string Prefix = "nuget:";

    public static bool TryParse(string reference, out NuGetReference? package)
    {
        package = null;
        string text = reference.Trim();
        if (!text.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)) return false;
        string rest = text[Prefix.Length..].Trim();
        int comma = rest.IndexOf(',');
        string id = (comma < 0 ? rest : rest[..comma]).Trim();
        string? version = comma < 0 ? null : rest[(comma + 1)..].Trim();
        if (id.Length == 0 || id.Any(c => char.IsWhiteSpace(c) || c is '"' or '@' or ';')) return false;
        if (version is { Length: 0 }) version = null;
        if (version is not null && version.Any(c => char.IsWhiteSpace(c) || c is '"' or ';' or ',')) return false;
        package = new NuGetReference(id, version);
        return true;
    }

    /// <summary>The file-based-app directive that restores the same package: <c>#:package Id@Version</c>.</summary>
    public string PackageDirective => $"#:package {Id}@{Version ?? "*"}";

    public override string ToString() => Version is null ? Id : $"{Id} {Version}";
}
