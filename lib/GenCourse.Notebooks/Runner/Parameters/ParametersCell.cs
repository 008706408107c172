using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GenCourse.Notebooks.Runner.Parameters;

/// <summary>
/// Reads the typed declarations of the cell tagged <c>parameters</c> (papermill's convention)
/// with Roslyn's parser, so an override can be parsed to the declared type and written back as
/// a typed assignment (<c>epochs = 1;</c>) that keeps the declaration's type.
/// </summary>
public static class ParametersCell
{
    public const string Tag = "parameters";

    public const string InjectedTag = "injected-parameters";

    /// <summary>The first cell tagged <c>parameters</c>, or null.</summary>
    public static NotebookCell? Find(Notebook notebook) =>
        notebook.Cells.FirstOrDefault(c => c.IsCode && c.HasTag(Tag));

    public static IReadOnlyList<ParameterDeclaration> Read(string source)
    {
        SyntaxTree tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest, kind: SourceCodeKind.Script));
        var declarations = new List<ParameterDeclaration>();
        foreach (MemberDeclarationSyntax member in ((CompilationUnitSyntax)tree.GetRoot()).Members)
        {
            VariableDeclarationSyntax? variable = member switch
            {
                FieldDeclarationSyntax field => field.Declaration,
                GlobalStatementSyntax { Statement: LocalDeclarationStatementSyntax local } => local.Declaration,
                _ => null,
            };
            if (variable is null) continue;
            string declaredType = variable.Type.ToString();
            foreach (VariableDeclaratorSyntax v in variable.Variables)
            {
                ParameterType? type = declaredType == "var" ? InferFromLiteral(v.Initializer?.Value) : ParameterType.FromDeclared(declaredType);
                int line = v.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
                declarations.Add(new ParameterDeclaration(v.Identifier.ValueText, declaredType, type, member.ToString().Trim(), line));
            }
        }
        return declarations;
    }

    private static ParameterType? InferFromLiteral(ExpressionSyntax? initializer)
    {
        ExpressionSyntax? e = initializer is PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.UnaryMinusExpression } minus ? minus.Operand : initializer;
        return e is LiteralExpressionSyntax literal && literal.Token.Value is { } value && value.GetType() != typeof(object)
            ? ParameterType.Of(value.GetType())
            : null;
    }
}
