namespace GenCourse.Notebooks.Cli.Doctor;

/// <summary>Every file of one data set checked against its committed list.</summary>
/// <param name="Directory">The folder that was checked.</param>
/// <param name="Files">One entry per listed file, in the list's order.</param>
public sealed record DataSetReport(string Directory, IReadOnlyList<FileCheck> Files)
{
    /// <summary>True when every listed file is present with the committed digest.</summary>
    public bool AllVerified => Files.All(f => f.Outcome == FileOutcome.Verified);

    /// <summary>True when no listed file is present at all (the data set is simply not installed).</summary>
    public bool NothingInstalled => Files.All(f => f.Outcome == FileOutcome.Missing);

    /// <summary>True when some present file has the wrong digest.</summary>
    public bool AnyCorrupt => Files.Any(f => f.Outcome == FileOutcome.Mismatch);

    /// <summary>The files that are missing or mismatched.</summary>
    public IEnumerable<FileCheck> Problems => Files.Where(f => f.Outcome != FileOutcome.Verified);
}
