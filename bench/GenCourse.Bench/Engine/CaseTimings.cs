using System.Globalization;

namespace GenCourse.Bench.Engine;

/// <summary>
/// What a worker (C# or Python) reports for one case, as one line:
/// <c>&lt;case&gt; check=&lt;number&gt; ms=&lt;t1&gt;,&lt;t2&gt;,…</c> (bench/python/engine.py prints the same).
/// </summary>
/// <param name="Case">The case name, e.g. <c>mlp_step</c>.</param>
/// <param name="Check">A value both sides must reproduce (a loss or a sum), proving they ran the same math.</param>
/// <param name="Milliseconds">One entry per timed repetition.</param>
public sealed record CaseTimings(string Case, double Check, double[] Milliseconds)
{
    public string Format() =>
        $"{Case} check={Check.ToString("R", CultureInfo.InvariantCulture)} ms=" +
        string.Join(",", Milliseconds.Select(t => t.ToString("F4", CultureInfo.InvariantCulture)));

    /// <summary>Reads every case line in a worker's output; other lines are ignored.</summary>
    public static List<CaseTimings> ParseAll(string output, string who)
    {
        var results = new List<CaseTimings>();
        foreach (string raw in output.Split('\n'))
        {
            string line = raw.Trim();
            string[] fields = line.Split(' ');
            if (fields.Length != 3 || !fields[1].StartsWith("check=", StringComparison.Ordinal) || !fields[2].StartsWith("ms=", StringComparison.Ordinal))
                continue;
            try
            {
                double check = double.Parse(fields[1]["check=".Length..], CultureInfo.InvariantCulture);
                double[] ms = fields[2]["ms=".Length..].Split(',').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
                results.Add(new CaseTimings(fields[0], check, ms));
            }
            catch (FormatException)
            {
                throw new BenchException($"{who} printed a malformed result line: '{line}'");
            }
        }
        return results;
    }
}
