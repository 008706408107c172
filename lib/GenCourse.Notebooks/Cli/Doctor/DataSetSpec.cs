namespace GenCourse.Notebooks.Cli.Doctor;

/// <summary>A data set the doctor checks against a committed checksum list.</summary>
/// <param name="Label">Its name in the report ("MNIST").</param>
/// <param name="ChecksumFile">The committed list (<c>data/checksums/mnist.sha256</c>).</param>
/// <param name="Directories">Where to look, in order; the first folder holding any listed file is checked.</param>
/// <param name="InstallFix">What to run when it is missing.</param>
/// <param name="RepairFix">What to run when a file is corrupt.</param>
public sealed record DataSetSpec(string Label, string ChecksumFile, IReadOnlyList<string> Directories, string InstallFix, string RepairFix);
