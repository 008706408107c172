using GenCourse.Notebooks.Runner.NuGet;

namespace GenCourse.Notebooks.Runner.Scripting;

/// <summary>
/// Reads the lines of a cell that are not C# for Roslyn: the magic commands Polyglot knows
/// (<c>#!csharp</c> and <c>#!time</c> are accepted and blanked; others are refused),
/// <c>#i "nuget:SOURCE"</c> package sources (blanked), and <c>#r "nuget: Id, Version"</c>
/// packages (kept: the resolver maps them to the restored assemblies). Blanking keeps the
/// line numbers of the cell as the reader sees them.
/// </summary>
internal sealed record CellDirectives(string Code, IReadOnlyList<(NuGetReference Package, int Line)> Packages, IReadOnlyList<string> Sources, string? Error, int ErrorLine)
{
    private static readonly string[] IgnoredMagics = ["#!csharp", "#!c#", "#!C#", "#!time"];

    public static CellDirectives Read(string source)
    {
        string[] lines = source.Replace("\r\n", "\n").Split('\n');
        var packages = new List<(NuGetReference, int)>();
        var sources = new List<string>();
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            if (line.StartsWith("#!", StringComparison.Ordinal))
            {
                string magic = line.Split(' ', 2)[0];
                if (!IgnoredMagics.Contains(magic, StringComparer.Ordinal))
                    return Fail(source, i + 1, $"the magic command {magic} is not supported by the runner (it runs C# only; supported: {string.Join(", ", IgnoredMagics)}).");
                lines[i] = "";
            }
            else if (line.StartsWith("#i ", StringComparison.Ordinal))
            {
                string? argument = Quoted(line[3..]);
                if (argument is null || !argument.StartsWith(NuGetReference.Prefix, StringComparison.OrdinalIgnoreCase))
                    return Fail(source, i + 1, $"#i takes a package source: #i \"nuget:https://…\" or #i \"nuget:/local/folder\"; found {line}.");
                sources.Add(argument[NuGetReference.Prefix.Length..].Trim());
                lines[i] = "";
            }
            else if (line.StartsWith("#r ", StringComparison.Ordinal) && Quoted(line[3..]) is { } reference
                     && reference.TrimStart().StartsWith(NuGetReference.Prefix, StringComparison.OrdinalIgnoreCase))
            {
                if (!NuGetReference.TryParse(reference, out NuGetReference? package))
                    return Fail(source, i + 1, $"cannot read the package reference {line}; write #r \"nuget: Package.Id, 1.2.3\".");
                packages.Add((package!, i + 1));
            }
        }
        return new CellDirectives(string.Join("\n", lines), packages, sources, null, 0);
    }

    private static CellDirectives Fail(string source, int line, string message) => new(source, [], [], message, line);

    private static string? Quoted(string text)
    {
        string t = text.Trim();
        return t.Length >= 2 && t[0] == '"' && t[^1] == '"' ? t[1..^1] : null;
    }
}
