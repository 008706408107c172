namespace GenCourse.Bench;

/// <summary>This process's peak resident set size, as the Linux kernel counts it.</summary>
public static class PeakRss
{
    /// <summary>VmHWM ("high water mark") from /proc/self/status, in kB: native and managed memory together.</summary>
    public static long KiloBytes()
    {
        const string file = "/proc/self/status";
        if (!File.Exists(file)) throw new BenchException($"{file} is missing: peak RSS is only measured on Linux");
        foreach (string line in File.ReadLines(file))
        {
            if (!line.StartsWith("VmHWM:", StringComparison.Ordinal)) continue;
            string[] parts = line["VmHWM:".Length..].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            return long.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture);
        }
        throw new BenchException($"{file} has no VmHWM line");
    }
}
