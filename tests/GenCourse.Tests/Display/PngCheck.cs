using System.Diagnostics;

namespace GenCourse.Tests.Display;

/// <summary>
/// Every PNG the tests produce goes through here: it is written under a per-run folder, checked
/// with Debian's <c>pngcheck -q</c> (exit code 0 required) and decoded by <see cref="PngDecoder"/>.
/// </summary>
public static class PngCheck
{
    private static readonly Lazy<string> Folder = new(() =>
    {
        string dir = Path.Combine(Path.GetTempPath(), "gencourse-display-tests", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(dir);
        return dir;
    });

    /// <summary>The folder holding the PNG files this test run wrote.</summary>
    public static string OutputFolder => Folder.Value;

    /// <summary>Writes the PNG, validates it with pngcheck and returns it decoded.</summary>
    public static DecodedPng Validate(byte[] png, string name)
    {
        string path = Path.Combine(OutputFolder, name.EndsWith(".png", StringComparison.Ordinal) ? name : name + ".png");
        File.WriteAllBytes(path, png);
        AssertFileValid(path);
        return PngDecoder.Decode(png);
    }

    /// <summary>Runs <c>pngcheck -q</c> on a file and asserts it reports no error.</summary>
    public static void AssertFileValid(string path)
    {
        var info = new ProcessStartInfo("pngcheck", ["-q", path])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException("pngcheck did not start");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Assert.Fail("pngcheck is not installed. Run the course set-up (./gencourse setup), which installs Debian's pngcheck, or: apt-get install pngcheck");
            return;
        }
        using (process)
        {
            string stdout = process.StandardOutput.ReadToEnd(), stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"pngcheck rejected {path} (exit {process.ExitCode}): {stdout}{stderr}");
        }
    }
}
