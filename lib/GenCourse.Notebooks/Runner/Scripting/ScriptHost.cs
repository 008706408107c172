using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;
using Microsoft.CodeAnalysis.Scripting.Hosting;

namespace GenCourse.Notebooks.Runner.Scripting;

/// <summary>
/// One Roslyn script state for a notebook, set up as .NET Interactive's C# kernel sets up
/// its own: the latest language version, the same six default imports, the framework
/// references, <c>#r</c>/<c>#load</c> resolved from the notebook's folder, and a hidden
/// <c>using static</c> of <see cref="NotebookKernel"/> for <c>display</c>. Each cell is one
/// submission, continued from the state the previous one left.
/// </summary>
internal sealed class ScriptHost
{
    /// <summary>.NET Interactive's imports (CSharpKernel.cs), so a cell compiles the same under both.</summary>
    public static readonly string[] DefaultImports =
        ["System", "System.Text", "System.Collections", "System.Collections.Generic", "System.Threading.Tasks", "System.Linq"];

    private static readonly Lazy<MetadataReference> RuntimeReference =
        new(() => MetadataReference.CreateFromFile(typeof(NotebookKernel).Assembly.Location));

    private readonly ScriptOptions options;
    private readonly InteractiveAssemblyLoader loader = new();
    private ScriptState<object>? state;

    public ScriptHost(string baseDirectory, MetadataReferenceResolver? nugetResolver = null)
    {
        BaseDirectory = baseDirectory;
        // The cells must call this very copy of NotebookKernel (its AsyncLocal knows the
        // running cell), not one the script loader would load again from disk.
        loader.RegisterDependency(typeof(NotebookKernel).Assembly);
        options = ScriptOptions.Default
            .WithLanguageVersion(LanguageVersion.Latest)
            .WithReferences(FrameworkReferences.Get())
            .AddReferences(RuntimeReference.Value)
            .WithImports(DefaultImports)
            .WithMetadataResolver(nugetResolver ?? ScriptMetadataResolver.Default.WithBaseDirectory(baseDirectory))
            .WithSourceResolver(ScriptSourceResolver.Default.WithBaseDirectory(baseDirectory))
            .WithFileEncoding(Encoding.UTF8)
            .WithEmitDebugInformation(true)
            .WithAllowUnsafe(true);
    }

    public string BaseDirectory { get; }

    /// <summary>Compiles and runs <paramref name="code"/> as the next submission; <paramref name="filePath"/> names it in line numbers.</summary>
    public async Task<CellOutcome> RunAsync(string code, string filePath, CancellationToken cancellation)
    {
        ScriptOptions cellOptions = options.WithFilePath(filePath);
        // The helpers come from a hidden first submission, as .NET Interactive's
        // UseKernelHelpers does it. As a ScriptOptions import instead, each submission binds
        // its own NotebookKernel symbol, and once a #r changes how the runtime assembly's
        // dependencies resolve (GenCourse.dll), two of them make `display` ambiguous (CS0121).
        state ??= await CSharpScript.Create($"using static {typeof(NotebookKernel).FullName};", options, assemblyLoader: loader)
            .RunAsync(cancellationToken: cancellation);
        Script<object> script = state.Script.ContinueWith(code, cellOptions);

        ImmutableArray<Diagnostic> diagnostics = script.Compile(cancellation);
        var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0) return CellOutcome.CompileFailed(errors);

        bool hasValue = SubmissionResult.HasValue(script.GetCompilation());
        ScriptState<object> next = await script.RunFromAsync(state, catchException: _ => true, cancellation);
        state = next;
        return next.Exception is { } exception ? CellOutcome.Threw(exception) : CellOutcome.Completed(hasValue, next.ReturnValue);
    }
}
