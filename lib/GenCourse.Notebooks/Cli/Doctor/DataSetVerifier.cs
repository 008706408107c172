using System.Security.Cryptography;

namespace GenCourse.Notebooks.Cli.Doctor;

/// <summary>
/// Checks a data set's files against the SHA-256 digests committed in <c>data/checksums/</c>,
/// so a truncated download or a different release is caught before it trains a model on junk.
/// </summary>
public static class DataSetVerifier
{
    /// <summary>Checks every file of <paramref name="expected"/> in <paramref name="directory"/> (links are followed).</summary>
    public static DataSetReport Verify(string directory, ChecksumList expected)
    {
        var files = new List<FileCheck>(expected.Entries.Count);
        foreach (ChecksumEntry entry in expected.Entries)
        {
            string path = Path.Combine(directory, entry.FileName);
            if (!File.Exists(path))
            {
                files.Add(new FileCheck(entry.FileName, path, FileOutcome.Missing, entry.Sha256, null));
                continue;
            }
            string actual = Sha256Of(path);
            FileOutcome outcome = actual == entry.Sha256 ? FileOutcome.Verified : FileOutcome.Mismatch;
            files.Add(new FileCheck(entry.FileName, path, outcome, entry.Sha256, actual));
        }
        return new DataSetReport(directory, files);
    }

    /// <summary>The SHA-256 of a file's bytes, as 64 lower-case hex digits (what <c>sha256sum</c> prints).</summary>
    public static string Sha256Of(string path)
    {
        using FileStream stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>
    /// One sentence per problem, naming the file: "data/mnist/x is missing" or
    /// "data/mnist/x is corrupt: its SHA-256 is 1a2b…, data/checksums/mnist.sha256 expects 3c4d…".
    /// </summary>
    public static string Describe(FileCheck file, string checksumSource, Func<string, string> showPath) => file.Outcome switch
    {
        FileOutcome.Missing => $"{showPath(file.Path)} is missing",
        FileOutcome.Mismatch =>
            $"{showPath(file.Path)} is corrupt: its SHA-256 is {Short(file.ActualSha256!)}, {showPath(checksumSource)} expects {Short(file.ExpectedSha256)}",
        _ => $"{showPath(file.Path)} is verified",
    };

    private static string Short(string sha256) => sha256[..12] + "…";
}
