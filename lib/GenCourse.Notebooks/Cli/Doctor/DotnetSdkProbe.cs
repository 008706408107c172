namespace GenCourse.Notebooks.Cli.Doctor;

/// <summary>Which .NET SDK builds the course (the runtime alone cannot build its projects).</summary>
public static class DotnetSdkProbe
{
    /// <summary>The oldest SDK major version the projects target (net10.0).</summary>
    public const int RequiredMajor = 10;

    public static CheckResult Run()
    {
        string runtime = Environment.Version.ToString();
        string? host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (string.IsNullOrEmpty(host) && Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet") host = Environment.ProcessPath;
        string? version = ProcessRunner.TryRun(host ?? "dotnet", ["--version"], TimeSpan.FromSeconds(60))?.Trim();
        return Judge(version, runtime);
    }

    /// <summary>Judges the output of <c>dotnet --version</c> (null when it failed: no SDK, only a runtime).</summary>
    public static CheckResult Judge(string? sdkVersion, string runtimeVersion)
    {
        const string label = ".NET SDK";
        const string install = "Install the .NET 10 SDK (https://learn.microsoft.com/dotnet/core/install/linux, package dotnet-sdk-10.0) and put `dotnet` on PATH.";
        if (string.IsNullOrEmpty(sdkVersion))
            return CheckResult.Fail(label, $"no SDK found (`dotnet --version` failed; runtime {runtimeVersion})", install);
        string majorText = sdkVersion.Split('.')[0];
        if (!int.TryParse(majorText, out int major) || major < RequiredMajor)
            return CheckResult.Fail(label, $"{sdkVersion} is too old (the projects target net{RequiredMajor}.0)", install);
        return CheckResult.Ok(label, $"{sdkVersion} (runtime {runtimeVersion})");
    }
}
