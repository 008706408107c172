namespace GenCourse.Notebooks.Cli.Doctor;

/// <summary>One data file checked against its committed SHA-256.</summary>
/// <param name="FileName">The name in the checksum list.</param>
/// <param name="Path">Where it was looked for.</param>
/// <param name="Outcome">Verified, missing or mismatched.</param>
/// <param name="ExpectedSha256">The committed digest.</param>
/// <param name="ActualSha256">The digest of the file on disk (null when missing).</param>
public sealed record FileCheck(string FileName, string Path, FileOutcome Outcome, string ExpectedSha256, string? ActualSha256);
