namespace GenCourse.Notebooks.Cli.Doctor;

/// <summary>Turns a data set's verification into a line of the doctor's report.</summary>
public static class DataSetCheck
{
    /// <summary>
    /// Verifies <paramref name="spec"/> in the first of its folders that holds any listed file.
    /// A missing or corrupt file fails with a fix-it sentence that names the file.
    /// </summary>
    public static CheckResult Run(DataSetSpec spec, Func<string, string> showPath)
    {
        ChecksumList expected;
        try
        {
            expected = ChecksumList.Load(spec.ChecksumFile);
        }
        catch (Exception e) when (e is FileNotFoundException or FormatException)
        {
            return CheckResult.Fail(spec.Label, "cannot check: " + e.Message, "Restore the committed checksum lists with `git checkout -- data/checksums`.");
        }

        string directory = spec.Directories.FirstOrDefault(d => expected.Entries.Any(e => File.Exists(Path.Combine(d, e.FileName))))
                           ?? spec.Directories[0];
        DataSetReport report = DataSetVerifier.Verify(directory, expected);
        if (report.AllVerified)
            return CheckResult.Ok(spec.Label, $"{report.Files.Count} file{(report.Files.Count == 1 ? "" : "s")} verified (SHA-256) in {Located(directory, showPath)}");
        if (report.NothingInstalled)
            return CheckResult.Fail(spec.Label, $"not installed (looked in {string.Join(", ", spec.Directories.Select(showPath))})", spec.InstallFix);

        string problems = string.Join("; ", report.Problems.Select(p => DataSetVerifier.Describe(p, expected.Source, showPath)));
        return CheckResult.Fail(spec.Label, problems, report.AnyCorrupt ? spec.RepairFix : spec.InstallFix);
    }

    // A folder of links (data/fashion-mnist → the Debian package's files) shows where they lead.
    private static string Located(string directory, Func<string, string> showPath)
    {
        string? target = Directory.EnumerateFiles(directory)
            .Select(f => new FileInfo(f).LinkTarget)
            .FirstOrDefault(t => t is not null);
        return target is null ? showPath(directory) : $"{showPath(directory)} (links to {Path.GetDirectoryName(target)})";
    }
}
