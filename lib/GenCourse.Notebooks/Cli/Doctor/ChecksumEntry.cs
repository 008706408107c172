namespace GenCourse.Notebooks.Cli.Doctor;

/// <summary>One line of a <c>sha256sum</c> list: a file name and its expected SHA-256 (64 lower-case hex digits).</summary>
public sealed record ChecksumEntry(string FileName, string Sha256);
