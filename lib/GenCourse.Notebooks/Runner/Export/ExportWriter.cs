using System.Text;
using GenCourse.Notebooks.Runner.NuGet;
using GenCourse.Notebooks.Runner.Scripting;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GenCourse.Notebooks.Runner.Export;

/// <summary>Collects a notebook's cells into the parts of a file-based app (see <see cref="FileBasedApp"/>).</summary>
internal sealed class ExportWriter(string notebookDir, string outputDir, string? repoRoot)
{
    private static readonly CSharpParseOptions ScriptParse = new(LanguageVersion.Latest, kind: SourceCodeKind.Script);

    private readonly Dictionary<string, string> declared = new(StringComparer.Ordinal);
    private readonly HashSet<string> loaded = new(StringComparer.Ordinal);
    private readonly HashSet<string> usingSet = new(StringComparer.Ordinal);

    public List<string> Directives { get; } = [];
    public List<string> Usings { get; } = [];
    public StringBuilder Body { get; } = new();
    public List<string> Types { get; } = [];
    public List<string> ExtensionMethods { get; } = [];
    public bool UsesDisplay { get; private set; }

    public void AddComment(NotebookCell cell)
    {
        string text = cell.Source.TrimEnd();
        if (text.Length == 0) return;
        foreach (string line in text.Replace("\r\n", "\n").Split('\n'))
            Body.Append(line.Length == 0 ? "//" : "// " + line).Append('\n');
        Body.Append('\n');
    }

    public void AddCode(NotebookCell cell)
    {
        if (string.IsNullOrWhiteSpace(cell.Source)) return;
        CellDirectives directives = CellDirectives.Read(cell.Source);
        if (directives.Error is not null) throw new ExportException($"{cell.Label}, line {directives.ErrorLine}: {directives.Error}");
        if (directives.Sources.Count > 0)
            throw new ExportException($"{cell.Label}: #i package sources have no directive in a file-based app; put the source in a nuget.config beside the exported file and remove the #i line.");
        foreach (var (package, _) in directives.Packages) AddDirective(package.PackageDirective);

        Body.Append($"// cell {cell.Id ?? cell.Number.ToString(System.Globalization.CultureInfo.InvariantCulture)}\n");
        AddSource(directives.Code, cell.Label, notebookDir, isCell: true);
        Body.Append('\n');
    }

    private void AddSource(string code, string where, string baseDir, bool isCell)
    {
        var root = (CompilationUnitSyntax)CSharpSyntaxTree.ParseText(code, ScriptParse).GetRoot();
        foreach (var error in root.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Take(1))
            throw new ExportException($"{where}, line {error.Location.GetLineSpan().StartLinePosition.Line + 1}: {error.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}");

        foreach (ReferenceDirectiveTriviaSyntax r in root.GetReferenceDirectives())
            AddReference(r.File.ValueText, where);
        foreach (LoadDirectiveTriviaSyntax l in root.GetLoadDirectives())
            Load(l.File.ValueText, where, baseDir);
        foreach (UsingDirectiveSyntax u in root.Usings)
        {
            string text = u.WithoutTrivia().ToString();
            if (!ScriptHost.DefaultImports.Any(d => text == $"using {d};") && usingSet.Add(text)) Usings.Add(text);
        }

        for (int i = 0; i < root.Members.Count; i++)
        {
            MemberDeclarationSyntax member = root.Members[i];
            bool last = isCell && i == root.Members.Count - 1;
            switch (member)
            {
                case GlobalStatementSyntax { Statement: ExpressionStatementSyntax statement } when last && statement.SemicolonToken.IsMissing:
                    Emit(Leading(member) + TrailingExpression(statement.Expression) + TrailingComment(statement) + "\n");
                    break;
                case GlobalStatementSyntax { Statement: LocalDeclarationStatementSyntax local }:
                    EmitDeclaration(member, local.Declaration, where);
                    break;
                case GlobalStatementSyntax:
                    Emit(Text(member));
                    break;
                case FieldDeclarationSyntax field:
                    EmitDeclaration(member, field.Declaration, where);
                    break;
                case MethodDeclarationSyntax method when method.ParameterList.Parameters.FirstOrDefault()?.Modifiers.Any(SyntaxKind.ThisKeyword) == true:
                    ExtensionMethods.Add(WithModifiers(method, "public static").Trim());
                    break;
                case MethodDeclarationSyntax method:
                    // A script method becomes a local function of the top-level statements.
                    Emit(Leading(member) + StripAccessibility(method).Trim() + TrailingComment(member) + "\n");
                    break;
                case BaseTypeDeclarationSyntax or DelegateDeclarationSyntax:
                    Types.Add(member.ToString().Trim());
                    break;
                default:
                    throw new ExportException($"{where}, line {member.GetLocation().GetLineSpan().StartLinePosition.Line + 1}: a top-level {member.Kind()} has no place in a file-based app's top-level statements; move it into a class.");
            }
        }
        string tail = TriviaText(root.EndOfFileToken.LeadingTrivia).Trim();
        if (tail.Length > 0) Emit(tail + "\n");
    }

    private void Emit(string text)
    {
        if (text.Contains("display(", StringComparison.Ordinal) || text.Contains("HTML(", StringComparison.Ordinal)) UsesDisplay = true;
        // No blank line right below a cell marker.
        Body.Append(Body.Length > 0 && Body[^1] == '\n' && LastLineIsMarker() ? text.TrimStart('\n') : text);
    }

    private bool LastLineIsMarker()
    {
        string body = Body.ToString();
        int start = body.LastIndexOf('\n', body.Length - 2) + 1;
        return body[start..].StartsWith("// cell ", StringComparison.Ordinal) || body[start..].StartsWith("// #load ", StringComparison.Ordinal);
    }

    /// <summary>A comment after the member on its line, with the spacing it had.</summary>
    private static string TrailingComment(SyntaxNode node)
    {
        string comment = TriviaText(node.GetTrailingTrivia()).TrimEnd('\n', '\r', ' ');
        return comment.Trim().Length == 0 ? "" : comment;
    }

    /// <summary>The notebook shows a trailing expression; the app displays it explicitly.</summary>
    private string TrailingExpression(ExpressionSyntax expression)
    {
        // A void call (Console.WriteLine(x) without ';') shows nothing in a notebook; keep it a call.
        bool looksVoid = expression is InvocationExpressionSyntax call
            && call.Expression.ToString() is "Console.WriteLine" or "Console.Write" or "display" or "System.Console.WriteLine" or "System.Console.Write";
        if (looksVoid || expression is AssignmentExpressionSyntax) return expression + ";";
        UsesDisplay = true;
        return $"display({expression});";
    }

    /// <summary>One scope: a name a later cell declares again is assigned instead (a notebook lets a cell redeclare).</summary>
    private void EmitDeclaration(MemberDeclarationSyntax member, VariableDeclarationSyntax declaration, string where)
    {
        string type = declaration.Type.ToString();
        if (declaration.Variables.All(v => !declared.ContainsKey(v.Identifier.ValueText)))
        {
            foreach (VariableDeclaratorSyntax v in declaration.Variables) declared[v.Identifier.ValueText] = type;
            string text = member is FieldDeclarationSyntax field ? Leading(member) + StripAccessibility(field).Trim() + TrailingComment(member) + "\n" : Text(member);
            Emit(text);
            return;
        }
        var lines = new StringBuilder(Leading(member));
        foreach (VariableDeclaratorSyntax v in declaration.Variables)
        {
            string name = v.Identifier.ValueText;
            if (declared.TryGetValue(name, out string? before))
            {
                if (before != type && before != "var" && type != "var")
                    throw new ExportException($"{where}: '{name}' is declared again as {type} after {before}; one file has one scope, so give it a new name.");
                if (v.Initializer is not null) lines.Append($"{name} = {v.Initializer.Value};\n");
            }
            else
            {
                declared[name] = type;
                lines.Append($"{type} {v};\n");
            }
        }
        Emit(lines.ToString());
    }

    private void AddReference(string reference, string where)
    {
        if (NuGetReference.TryParse(reference, out _)) return; // taken from the cell's directives
        string fileName = Path.GetFileName(reference);
        if (!fileName.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) && !reference.Contains('/') && !reference.Contains('\\'))
            return; // a framework assembly by name (#r "System.Net.Http"): the SDK references it already
        string projectName = Path.GetFileNameWithoutExtension(fileName);
        string? project = repoRoot is null ? null : Path.Combine(repoRoot, "lib", projectName, projectName + ".csproj");
        if (project is not null && !File.Exists(project)) project = OwningProject(reference);
        if (project is null || !File.Exists(project))
            throw new ExportException(
                $"{where}: #r \"{reference}\" has no equivalent in a file-based app (.NET 10 apps cannot reference a DLL). " +
                "Only DLLs built from this repository's lib/ projects map to a #:project directive; use a NuGet package (#r \"nuget: Id, Version\") instead.");
        AddDirective($"#:project {Path.GetRelativePath(outputDir, project).Replace('\\', '/')}");
    }

    /// <summary>
    /// The lib/ project whose build output folder (artifacts/bin/NAME/CONFIG/) holds a DLL that is
    /// not itself a lib/ project, such as TorchSharp.dll beside GenCourse.dll: that project brings
    /// it as a package, so its <c>#:project</c> brings it to the app too. Null when there is none.
    /// </summary>
    private string? OwningProject(string reference)
    {
        string full = Path.GetFullPath(Path.Combine(notebookDir, reference));
        string bin = Path.Combine(repoRoot!, "artifacts", "bin") + Path.DirectorySeparatorChar;
        if (!full.StartsWith(bin, StringComparison.Ordinal)) return null;
        string[] parts = full[bin.Length..].Split(Path.DirectorySeparatorChar);
        if (parts.Length != 3) return null;   // NAME/CONFIG/FILE.dll
        string project = Path.Combine(repoRoot!, "lib", parts[0], parts[0] + ".csproj");
        return File.Exists(project) ? project : null;
    }

    private void AddDirective(string directive)
    {
        if (!Directives.Contains(directive, StringComparer.Ordinal)) Directives.Add(directive);
    }

    private void Load(string file, string where, string baseDir)
    {
        string path = Path.GetFullPath(Path.Combine(baseDir, file));
        if (!File.Exists(path)) throw new ExportException($"{where}: #load \"{file}\": no such file ({path}).");
        if (!loaded.Add(path)) return;
        Body.Append($"// #load \"{file}\"\n");
        AddSource(CellDirectives.Read(File.ReadAllText(path)).Code, $"{where} (#load {file})", Path.GetDirectoryName(path)!, isCell: false);
    }

    private static string Text(SyntaxNode node) => Leading(node) + node.WithoutLeadingTrivia().ToFullString().TrimEnd() + "\n";

    /// <summary>
    /// Comments above a member, without the #r/#load directives Roslyn keeps as trivia; a
    /// blank line above it is kept as one blank line.
    /// </summary>
    private static string Leading(SyntaxNode node)
    {
        var trivia = node.GetLeadingTrivia().Where(t => !t.IsDirective && !t.IsKind(SyntaxKind.SkippedTokensTrivia)).ToList();
        bool blankAbove = trivia.TakeWhile(t => !t.IsKind(SyntaxKind.SingleLineCommentTrivia) && !t.IsKind(SyntaxKind.MultiLineCommentTrivia))
            .Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        string comments = string.Concat(trivia.Select(t => t.ToFullString())).Trim('\n', ' ');
        return (blankAbove ? "\n" : "") + (comments.Length == 0 ? "" : comments + "\n");
    }

    private static string TriviaText(SyntaxTriviaList trivia) =>
        string.Concat(trivia.Where(t => !t.IsDirective && !t.IsKind(SyntaxKind.SkippedTokensTrivia)).Select(t => t.ToFullString()));

    private static string StripAccessibility(MemberDeclarationSyntax member)
    {
        SyntaxTokenList kept = new(member.Modifiers.Where(m => !m.IsKind(SyntaxKind.PublicKeyword) && !m.IsKind(SyntaxKind.PrivateKeyword)
            && !m.IsKind(SyntaxKind.InternalKeyword) && !m.IsKind(SyntaxKind.ProtectedKeyword)));
        return member.WithModifiers(kept).WithoutLeadingTrivia().ToString();
    }

    private static string WithModifiers(MethodDeclarationSyntax method, string modifiers) =>
        modifiers + " " + method.WithModifiers(default).WithoutLeadingTrivia().ToString().TrimStart();
}
