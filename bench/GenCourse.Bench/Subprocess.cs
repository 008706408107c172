using System.Diagnostics;

namespace GenCourse.Bench;

/// <summary>Runs a child process (a bench worker or the Python side) and returns what it printed.</summary>
public static class Subprocess
{
    /// <summary>
    /// Runs <paramref name="file"/> with <paramref name="args"/> and extra environment variables
    /// (real process environment, so native code's <c>getenv</c> sees them). Returns stdout;
    /// a non-zero exit becomes a <see cref="BenchException"/> quoting the end of stderr.
    /// </summary>
    public static string Run(string file, IEnumerable<string> args, IReadOnlyDictionary<string, string> environment, string what)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in args) start.ArgumentList.Add(a);
        foreach ((string key, string value) in environment) start.Environment[key] = value;

        using Process process = Process.Start(start) ?? throw new BenchException($"could not start {what} ({file})");
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            string err = stderr.Result.Trim();
            if (err.Length > 2000) err = "…" + err[^2000..];
            throw new BenchException($"{what} failed with exit code {process.ExitCode}:\n{err}");
        }
        return stdout;
    }

    /// <summary>
    /// The command that starts this program again: the app host itself, or
    /// <c>dotnet GenCourse.Bench.dll</c> when it was started through <c>dotnet</c>.
    /// </summary>
    public static (string File, string[] PrefixArgs) Self()
    {
        string host = Environment.ProcessPath ?? throw new BenchException("cannot tell which executable is running this bench");
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
            return (host, [typeof(Subprocess).Assembly.Location]);
        return (host, []);
    }
}
