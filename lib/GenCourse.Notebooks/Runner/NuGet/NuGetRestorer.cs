using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace GenCourse.Notebooks.Runner.NuGet;

/// <summary>
/// Restores a notebook's <c>#r "nuget: …"</c> packages once, before any cell runs, with the
/// SDK itself: a file-based app holding only <c>#:package</c> directives is built with
/// <c>dotnet build deps.cs -o DIR</c>, which copies every package assembly (and their
/// dependencies) into DIR. <c>#:property PublishAot=false</c> is required: with the default
/// AOT setting restore asks for the NativeAOT runtime pack and fails (NU1101). Results are
/// cached under <c>.nbcache/nuget-HASH</c> beside the notebook.
/// </summary>
internal static class NuGetRestorer
{
    private const string DoneMarker = ".restored";

    /// <summary>Restores the packages; returns, per package, the assembly paths it brings (its own and its dependencies').</summary>
    public static IReadOnlyDictionary<NuGetReference, IReadOnlyList<string>> Restore(
        IReadOnlyList<NuGetReference> packages, IReadOnlyList<string> sources, string cacheRoot)
    {
        string key = Hash(packages, sources);
        string outDir = Path.Combine(cacheRoot, $"nuget-{key}");
        if (!File.Exists(Path.Combine(outDir, DoneMarker)))
            Build(packages, sources, outDir);
        return MapAssemblies(packages, outDir);
    }

    private static void Build(IReadOnlyList<NuGetReference> packages, IReadOnlyList<string> sources, string outDir)
    {
        // The project lives in the temp folder so the repository's Directory.Build.props
        // (warnings as errors, output paths) does not apply to it.
        string work = Path.Combine(Path.GetTempPath(), $"gencourse-nuget-{Path.GetFileName(outDir)}-{Environment.ProcessId}");
        Directory.CreateDirectory(work);
        try
        {
            var deps = new StringBuilder();
            foreach (NuGetReference p in packages) deps.Append(p.PackageDirective).Append('\n');
            deps.Append("#:property PublishAot=false\n");
            deps.Append("return;\n");
            File.WriteAllText(Path.Combine(work, "deps.cs"), deps.ToString());
            if (sources.Count > 0) File.WriteAllText(Path.Combine(work, "nuget.config"), NuGetConfig(sources));

            string staging = outDir + ".staging";
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
            var (exitCode, output) = Dotnet.Run(work, "build", "deps.cs", "-o", staging, "-nologo", "-v", "q");
            if (exitCode != 0)
                throw new NuGetRestoreException(Explain(packages, output));
            File.WriteAllText(Path.Combine(staging, DoneMarker), string.Join("\n", packages) + "\n");
            if (Directory.Exists(outDir)) Directory.Delete(outDir, recursive: true);
            Directory.Move(staging, outDir);
        }
        finally
        {
            try { Directory.Delete(work, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>Reads deps.deps.json: each package's runtime assemblies, following its dependencies.</summary>
    private static Dictionary<NuGetReference, IReadOnlyList<string>> MapAssemblies(IReadOnlyList<NuGetReference> packages, string outDir)
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "deps.deps.json")));
        JsonElement targets = doc.RootElement.GetProperty("targets").EnumerateObject().First().Value;
        var libraries = targets.EnumerateObject().ToDictionary(p => p.Name, p => p.Value, StringComparer.OrdinalIgnoreCase);

        var result = new Dictionary<NuGetReference, IReadOnlyList<string>>();
        foreach (NuGetReference package in packages)
        {
            string? entry = libraries.Keys.FirstOrDefault(k => k.StartsWith(package.Id + "/", StringComparison.OrdinalIgnoreCase));
            if (entry is null)
                throw new NuGetRestoreException($"nuget package {package}: restore succeeded but the package is missing from its dependency list.");
            var files = new SortedSet<string>(StringComparer.Ordinal);
            Collect(entry, libraries, files, new HashSet<string>(StringComparer.OrdinalIgnoreCase));
            result[package] = files.Select(f => Path.Combine(outDir, f)).Where(File.Exists).ToList();
        }
        return result;
    }

    private static void Collect(string entry, Dictionary<string, JsonElement> libraries, SortedSet<string> files, HashSet<string> seen)
    {
        if (!seen.Add(entry) || !libraries.TryGetValue(entry, out JsonElement library)) return;
        if (library.TryGetProperty("runtime", out JsonElement runtime))
            foreach (JsonProperty asset in runtime.EnumerateObject())
                files.Add(Path.GetFileName(asset.Name));
        if (library.TryGetProperty("dependencies", out JsonElement dependencies))
            foreach (JsonProperty dependency in dependencies.EnumerateObject())
                Collect($"{dependency.Name}/{dependency.Value.GetString()}", libraries, files, seen);
    }

    private static string Explain(IReadOnlyList<NuGetReference> packages, string output)
    {
        var lines = output.Split('\n').Select(l => l.Trim()).Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)).Distinct().Take(5).ToList();
        var culprits = packages.Where(p => output.Contains(p.Id, StringComparison.OrdinalIgnoreCase)).ToList();
        string named = string.Join(", ", (culprits.Count > 0 ? culprits : packages).Select(p => $"'{p}'"));
        return $"nuget package {named} could not be restored. " +
               (lines.Count > 0 ? string.Join(" ", lines.Select(StripProjectPath)) : output.Trim()) +
               " Check the package id and version (the exact version must exist on the configured NuGet feed).";
    }

    // "/tmp/…/deps.cs : error NU1101: …" → "error NU1101: …"
    private static string StripProjectPath(string line)
    {
        int at = line.IndexOf(": error ", StringComparison.Ordinal);
        string s = at >= 0 ? line[(at + 2)..] : line;
        int bracket = s.LastIndexOf(" [", StringComparison.Ordinal);
        return bracket > 0 ? s[..bracket] : s;
    }

    private static string NuGetConfig(IReadOnlyList<string> sources)
    {
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration>\n  <packageSources>\n");
        for (int i = 0; i < sources.Count; i++)
            xml.Append($"    <add key=\"notebook-{i + 1}\" value=\"{System.Security.SecurityElement.Escape(sources[i])}\" />\n");
        xml.Append("  </packageSources>\n</configuration>\n");
        return xml.ToString();
    }

    private static string Hash(IReadOnlyList<NuGetReference> packages, IReadOnlyList<string> sources)
    {
        string text = string.Join("\n", packages.Select(p => p.ToString().ToLowerInvariant()).Order(StringComparer.Ordinal))
                      + "\n--\n" + string.Join("\n", sources) + "\n" + Environment.Version;
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }
}
