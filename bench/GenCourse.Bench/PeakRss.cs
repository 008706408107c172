namespace GenCourse.Bench;

/// <summary>This process's resident set size, as the Linux kernel counts it (native and managed memory together).</summary>
public static class PeakRss
{
    /// <summary>VmHWM ("high water mark") from /proc/self/status, in kB.</summary>
    public static long KiloBytes() => Read("VmHWM:");

    /// <summary>VmRSS (the resident set now) from /proc/self/status, in kB.</summary>
    public static long CurrentKiloBytes() => Read("VmRSS:");

    private static long Read(string field)
    {
        const string file = "/proc/self/status";
        if (!File.Exists(file)) throw new BenchException($"{file} is missing: RSS is only measured on Linux");
        foreach (string line in File.ReadLines(file))
        {
            if (!line.StartsWith(field, StringComparison.Ordinal)) continue;
            string[] parts = line[field.Length..].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            return long.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture);
        }
        throw new BenchException($"{file} has no {field} line");
    }
}
