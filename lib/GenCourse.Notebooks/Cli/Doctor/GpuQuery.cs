namespace GenCourse.Notebooks.Cli.Doctor;

/// <summary>The NVIDIA GPUs the driver sees, from <c>nvidia-smi</c> (independent of how libtorch was built).</summary>
public static class GpuQuery
{
    /// <summary>GPU names, one per device; null when <c>nvidia-smi</c> is absent or fails (no NVIDIA driver).</summary>
    public static IReadOnlyList<string>? Names()
    {
        string? output = ProcessRunner.TryRun("nvidia-smi", ["--query-gpu=name", "--format=csv,noheader"], TimeSpan.FromSeconds(20));
        return output is null ? null : ParseNames(output);
    }

    /// <summary>The non-empty lines of <c>nvidia-smi --query-gpu=name --format=csv,noheader</c>.</summary>
    public static IReadOnlyList<string> ParseNames(string output) =>
        output.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
}
