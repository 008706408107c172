namespace GenCourse.Notebooks.Runner.NuGet;

/// <summary>A <c>#r "nuget: …"</c> package that could not be restored; the message names it and says why.</summary>
public sealed class NuGetRestoreException(string message) : Exception(message);
