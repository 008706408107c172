namespace GenCourse;

/// <summary>Where the course keeps its data sets and outputs.</summary>
public static class Paths
{
    /// <summary>
    /// The repository root: <c>GENCOURSE_ROOT</c> when set, else the first folder above the
    /// running assembly that holds <c>GenCourse.sln</c>, else the current directory.
    /// </summary>
    public static string RepoRoot
    {
        get
        {
            string? env = Environment.GetEnvironmentVariable("GENCOURSE_ROOT");
            if (!string.IsNullOrEmpty(env)) return Path.GetFullPath(env);
            foreach (string? start in new[] { Path.GetDirectoryName(typeof(Paths).Assembly.Location), Directory.GetCurrentDirectory() })
            {
                for (string? dir = start; dir is not null; dir = Path.GetDirectoryName(dir))
                    if (File.Exists(Path.Combine(dir, "GenCourse.sln"))) return dir;
            }
            return Directory.GetCurrentDirectory();
        }
    }

    /// <summary>The data folder: <c>GENCOURSE_DATA</c> when set, else <c>data/</c> under the root.</summary>
    public static string DataDir
    {
        get
        {
            string? env = Environment.GetEnvironmentVariable("GENCOURSE_DATA");
            return !string.IsNullOrEmpty(env) ? Path.GetFullPath(env) : Path.Combine(RepoRoot, "data");
        }
    }
}
