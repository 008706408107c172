using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Microsoft.CodeAnalysis;

namespace GenCourse.Notebooks.Runner.Scripting;

/// <summary>
/// The whole shared framework as compile references, as .NET Interactive provides it.
/// On .NET 10 <c>ScriptOptions.Default</c> lacks System.Linq, System.Net.Http and
/// System.Text.Json (CS0234), so the references come from the host's
/// <c>TRUSTED_PLATFORM_ASSEMBLIES</c>, keeping only the framework's own folder: the host's
/// application assemblies (Roslyn, the course library, a test host) stay out of the cells,
/// which reference the course library themselves with <c>#r</c>.
/// </summary>
internal static class FrameworkReferences
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> All = new(Load);

    public static ImmutableArray<MetadataReference> Get() => All.Value;

    private static ImmutableArray<MetadataReference> Load()
    {
        string frameworkDir = Path.GetFullPath(RuntimeEnvironment.GetRuntimeDirectory());
        string tpa = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? "";
        return tpa.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(p => Path.GetFullPath(p).StartsWith(frameworkDir, StringComparison.Ordinal))
            .Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
    }
}
