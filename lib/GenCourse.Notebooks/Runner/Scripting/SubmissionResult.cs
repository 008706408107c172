using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GenCourse.Notebooks.Runner.Scripting;

/// <summary>
/// Whether a cell ends in a value to show: a public replica of Roslyn's internal
/// <c>CSharpCompilation.HasSubmissionResult</c> (which .NET Interactive reaches by reflection).
/// The last global statement is an expression statement without its semicolon, and its type
/// is not void: <c>n * 2</c> and <c>(string)null</c> count, <c>Console.Write("")</c> does not.
/// </summary>
internal static class SubmissionResult
{
    public static bool HasValue(Compilation compilation)
    {
        SyntaxTree? tree = compilation.SyntaxTrees.LastOrDefault();
        if (tree?.GetRoot() is not CompilationUnitSyntax root) return false;
        if (root.Members.LastOrDefault() is not GlobalStatementSyntax { Statement: ExpressionStatementSyntax statement }) return false;
        if (!statement.SemicolonToken.IsMissing) return false;
        ITypeSymbol? type = compilation.GetSemanticModel(tree).GetTypeInfo(statement.Expression).ConvertedType;
        return type is not null && type.SpecialType != SpecialType.System_Void;
    }
}
