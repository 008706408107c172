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
        // A cell's #r of artifacts/bin/GenCourse/Debug/TorchSharp.dll (or GenCourse.dll) binds to
        // the copy this process already runs: one TorchSharp, hence one libLibTorchSharp.so and one
        // libtorch with the threads NativeSettings set, and tensors the runner's formatter knows.
        loader.RegisterDependency(typeof(TorchSharp.torch).Assembly);
        loader.RegisterDependency(typeof(GenCourse.Paths).Assembly);
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

    /// <summary>
    /// Runs the hidden first submission that brings the helpers into scope, as .NET
    /// Interactive's UseKernelHelpers does. (As a ScriptOptions import instead, each submission
    /// binds its own NotebookKernel symbol, and once a #r changes how the runtime assembly's
    /// dependencies resolve, e.g. GenCourse.dll, two of them make `display` ambiguous: CS0121.)
    /// It also warms the compiler up, which takes seconds that no cell's time limit should pay.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellation = default)
    {
        state ??= await CSharpScript.Create($"using static {typeof(NotebookKernel).FullName};", options, assemblyLoader: loader)
            .RunAsync(cancellationToken: cancellation);
    }

    /// <summary>
    /// Compiles and emits <paramref name="code"/> as the next submission (<paramref name="filePath"/>
    /// names it in line numbers). Separate from <see cref="RunAsync"/>, so a time limit counts
    /// the cell's own running time, not the compiler's.
    /// </summary>
    public CompiledCell Compile(string code, string filePath)
    {
        if (state is null) throw new InvalidOperationException("StartAsync must run first.");
        Script<object> script = state.Script.ContinueWith(code, options.WithFilePath(filePath));
        var errors = script.Compile().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0) return new CompiledCell(script, errors, false);
        try
        {
            script.CreateDelegate();   // emits and loads the submission now
        }
        catch (CompilationErrorException e)
        {
            return new CompiledCell(script, e.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList(), false);
        }
        return new CompiledCell(script, [], SubmissionResult.HasValue(script.GetCompilation()));
    }

    /// <summary>Runs a compiled cell from the state the previous cell left.</summary>
    public async Task<CellOutcome> RunAsync(CompiledCell cell, CancellationToken cancellation)
    {
        if (cell.Errors.Count > 0) return CellOutcome.CompileFailed(cell.Errors);
        ScriptState<object> next = await cell.Script.RunFromAsync(state!, catchException: _ => true, cancellation);
        state = next;
        return next.Exception is { } exception ? CellOutcome.Threw(exception) : CellOutcome.Completed(cell.HasValue, next.ReturnValue);
    }
}
