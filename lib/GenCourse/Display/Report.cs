using System.Globalization;

namespace GenCourse.Display;

/// <summary>
/// How a notebook reports its key numbers so that <c>gencourse course</c> can tabulate them:
/// <c>Report.Metric("test_mse_per_pixel", mse)</c> prints one line,
/// <c>[metric] test_mse_per_pixel = 0.0123</c>, on standard output. It is plain text, so it
/// reads the same in VS Code, in the headless runner (which collects these lines into the
/// executed notebook's <c>metadata.gencourse.metrics</c>) and in a file-based app.
/// </summary>
public static class Report
{
    /// <summary>Every metric line starts with this.</summary>
    public const string MetricPrefix = "[metric] ";

    /// <summary>Prints <c>[metric] name = value</c> (the value in round-trip invariant form).</summary>
    public static void Metric(string name, double value) => Console.WriteLine(MetricLine(name, value));

    /// <summary>The line <see cref="Metric"/> prints.</summary>
    public static string MetricLine(string name, double value)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-' or '/'))
            throw new ArgumentException(
                $"A metric name is letters, digits and _ . - / (e.g. \"test_mse_per_pixel\"); got \"{name}\".", nameof(name));
        return $"{MetricPrefix}{name} = {value.ToString("R", CultureInfo.InvariantCulture)}";
    }
}
