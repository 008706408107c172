namespace GenCourse.Notebooks.Cli.Doctor;

/// <summary>What checking one data file against its committed SHA-256 found.</summary>
public enum FileOutcome
{
    /// <summary>Present, and its SHA-256 is the committed one.</summary>
    Verified,

    /// <summary>Not there (or a link that points nowhere).</summary>
    Missing,

    /// <summary>Present, but its SHA-256 differs: a truncated download, a damaged disk, another version.</summary>
    Mismatch,
}
