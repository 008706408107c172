using System.Text.RegularExpressions;

namespace GenCourse.Notebooks.Cli.Doctor;

/// <summary>
/// A committed list of expected SHA-256 digests (<c>data/checksums/*.sha256</c>), in the format
/// <c>sha256sum</c> writes and <c>sha256sum -c</c> reads: <c>&lt;64 hex&gt;␣␣name</c>, or
/// <c>&lt;64 hex&gt;␣*name</c> for binary mode. Blank lines and <c>#</c> comments are skipped.
/// </summary>
public sealed partial class ChecksumList
{
    private ChecksumList(string source, IReadOnlyList<ChecksumEntry> entries)
    {
        Source = source;
        Entries = entries;
    }

    /// <summary>Where the list came from (a path), for messages.</summary>
    public string Source { get; }

    /// <summary>The files, in the list's order.</summary>
    public IReadOnlyList<ChecksumEntry> Entries { get; }

    /// <summary>Reads a list from a file.</summary>
    /// <exception cref="FileNotFoundException">The list itself is missing.</exception>
    public static ChecksumList Load(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"The checksum list '{path}' is missing; it is committed to the repository, so restore it with `git checkout -- {Path.GetFileName(path)}` in data/checksums/.", path);
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Parses the text of a list.</summary>
    /// <exception cref="FormatException">A line is not <c>digest␣␣name</c>, or a name repeats.</exception>
    public static ChecksumList Parse(string text, string source)
    {
        var entries = new List<ChecksumEntry>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string[] lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].TrimEnd('\r');
            if (line.Trim().Length == 0 || line.TrimStart().StartsWith('#')) continue;
            Match m = LinePattern().Match(line);
            if (!m.Success)
                throw new FormatException($"{source}, line {i + 1}: expected '<64 hex digits>  <file name>' (as sha256sum writes), got '{line}'.");
            string name = m.Groups["name"].Value;
            if (name.Contains('/') || name == "." || name == "..")
                throw new FormatException($"{source}, line {i + 1}: '{name}' must be a plain file name, not a path.");
            if (!seen.Add(name))
                throw new FormatException($"{source}, line {i + 1}: '{name}' is listed twice.");
            entries.Add(new ChecksumEntry(name, m.Groups["hash"].Value.ToLowerInvariant()));
        }
        if (entries.Count == 0) throw new FormatException($"{source} lists no files.");
        return new ChecksumList(source, entries);
    }

    [GeneratedRegex(@"^(?<hash>[0-9a-fA-F]{64}) [ *](?<name>\S.*)$")]
    private static partial Regex LinePattern();
}
