using System.Globalization;
using System.Text.RegularExpressions;
using GenCourse.Display;

namespace GenCourse.Notebooks.Runner;

/// <summary>
/// Finds the <c>[metric] name = value</c> lines that <see cref="Report.Metric"/> prints (or a
/// cell writes by hand) in a cell's standard output.
/// </summary>
internal static partial class MetricLines
{
    [GeneratedRegex(@"^\[metric\] (?<name>[A-Za-z0-9_.\-/]+) = (?<value>\S+)[ \t]*$", RegexOptions.Multiline)]
    private static partial Regex Pattern();

    public static IEnumerable<KeyValuePair<string, double>> Parse(string stdout)
    {
        foreach (Match m in Pattern().Matches(stdout.Replace("\r\n", "\n")))
            if (double.TryParse(m.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
                yield return new(m.Groups["name"].Value, value);
    }
}
