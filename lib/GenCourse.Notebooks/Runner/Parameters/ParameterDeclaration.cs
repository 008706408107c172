namespace GenCourse.Notebooks.Runner.Parameters;

/// <summary>
/// One declaration of the cell tagged <c>parameters</c>, e.g. <c>int epochs = 10;</c>.
/// <see cref="Type"/> is null when the runner cannot set it (any type but built-in scalars
/// and their arrays): the notebook may still declare it, but not override it.
/// </summary>
public sealed record ParameterDeclaration(string Name, string DeclaredType, ParameterType? Type, string Declaration, int Line);
