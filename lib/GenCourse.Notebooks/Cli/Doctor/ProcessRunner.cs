using System.ComponentModel;
using System.Diagnostics;

namespace GenCourse.Notebooks.Cli.Doctor;

/// <summary>Runs a small tool (<c>dotnet --version</c>, <c>nvidia-smi</c>) and returns what it printed.</summary>
internal static class ProcessRunner
{
    /// <summary>The tool's stdout when it ran and exited 0 within the timeout; null when absent, failing or hung.</summary>
    public static string? TryRun(string fileName, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string a in arguments) start.ArgumentList.Add(a);
        try
        {
            using Process process = Process.Start(start) ?? throw new Win32Exception($"could not start {fileName}");
            process.StandardInput.Close();
            Task<string> stdout = process.StandardOutput.ReadToEndAsync();
            Task<string> stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                return null;
            }
            Task.WaitAll(stdout, stderr);
            return process.ExitCode == 0 ? stdout.Result : null;
        }
        catch (Win32Exception)
        {
            return null;
        }
    }
}
