using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Scripting;

namespace GenCourse.Notebooks.Runner.NuGet;

/// <summary>
/// Resolves <c>#r "nuget: Id, Version"</c> to the assemblies restored for it, and hands every
/// other <c>#r</c> to Roslyn's own resolver based at the notebook's folder.
/// </summary>
internal sealed class NuGetMetadataResolver : MetadataReferenceResolver
{
    private readonly ScriptMetadataResolver inner;

    public NuGetMetadataResolver(ScriptMetadataResolver inner) => this.inner = inner;

    /// <summary>The assemblies of each restored package; set once the notebook's packages are restored.</summary>
    public IReadOnlyDictionary<NuGetReference, IReadOnlyList<string>> Restored { get; set; } =
        new Dictionary<NuGetReference, IReadOnlyList<string>>();

    public override ImmutableArray<PortableExecutableReference> ResolveReference(string reference, string? baseFilePath, MetadataReferenceProperties properties)
    {
        if (!NuGetReference.TryParse(reference, out NuGetReference? package)) return inner.ResolveReference(reference, baseFilePath, properties);
        // Unresolved (empty) reports CS0006 naming the reference; the runner restores every
        // package up front, so this happens only for a package it was not told about.
        return Restored.TryGetValue(package!, out IReadOnlyList<string>? paths)
            ? paths.Select(p => MetadataReference.CreateFromFile(p, properties)).ToImmutableArray()
            : ImmutableArray<PortableExecutableReference>.Empty;
    }

    public override bool ResolveMissingAssemblies => inner.ResolveMissingAssemblies;

    public override PortableExecutableReference? ResolveMissingAssembly(MetadataReference definition, AssemblyIdentity referenceIdentity) =>
        inner.ResolveMissingAssembly(definition, referenceIdentity);

    public override bool Equals(object? other) => ReferenceEquals(this, other);

    public override int GetHashCode() => inner.GetHashCode();
}
