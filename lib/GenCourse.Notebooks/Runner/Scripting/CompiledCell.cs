using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Scripting;

namespace GenCourse.Notebooks.Runner.Scripting;

/// <summary>A cell compiled as the next submission: its errors, or whether it ends in a value to show.</summary>
internal sealed record CompiledCell(Script<object> Script, IReadOnlyList<Diagnostic> Errors, bool HasValue);
