using System.Text.RegularExpressions;

namespace GenCourse.Notebooks.Cli.Doctor;

/// <summary>
/// Finds which BLAS is really in use. TorchSharp's libtorch links Intel MKL statically, so
/// normally no BLAS library is mapped and <see cref="MklVersion"/> names it; a libtorch from
/// elsewhere (LD_LIBRARY_PATH, a custom build) may map OpenBLAS or the slow reference netlib
/// BLAS, so the doctor reads the mapped libraries of its own process (<c>/proc/self/maps</c>)
/// after a matmul rather than trusting what was installed.
/// </summary>
public static partial class BlasProbe
{
    /// <summary>Reads this process's memory map (Linux); null elsewhere.</summary>
    public static string? ReadOwnMaps()
    {
        const string maps = "/proc/self/maps";
        if (!File.Exists(maps)) return null;
        using var reader = new StreamReader(maps);
        return reader.ReadToEnd();
    }

    /// <summary>The mapped file paths of a <c>/proc/PID/maps</c> text, each once, in order of appearance.</summary>
    public static IReadOnlyList<string> MappedFiles(string maps)
    {
        var paths = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string line in maps.Split('\n'))
        {
            // address perms offset dev inode [path]; the path is the 6th field and may hold spaces.
            string[] fields = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 6) continue;
            string path = fields[5].Trim();
            if (path.StartsWith('/') && seen.Add(path)) paths.Add(path);
        }
        return paths;
    }

    /// <summary>
    /// Classifies the BLAS among the mapped files; when none is mapped, falls back to the MKL
    /// version libtorch reports (<paramref name="mklVersion"/>: TorchSharp's and pip's libtorch
    /// link MKL statically). Null when nothing is found.
    /// </summary>
    public static BlasLibrary? Identify(string maps, string mklVersion = "")
    {
        IReadOnlyList<string> files = MappedFiles(maps);
        string? openblas = files.FirstOrDefault(f => Path.GetFileName(f).StartsWith("libopenblas", StringComparison.Ordinal));
        if (openblas is not null)
        {
            Match version = OpenBlasVersion().Match(Path.GetFileName(openblas));
            string name = "OpenBLAS" + (version.Success ? " " + version.Groups[1].Value : "");
            string? variant = OpenBlasVariant(files, openblas);
            return new BlasLibrary(variant is null ? name : $"{name} ({variant})", openblas, false);
        }
        string? mkl = files.FirstOrDefault(f => Path.GetFileName(f).StartsWith("libmkl", StringComparison.Ordinal));
        if (mkl is not null) return new BlasLibrary("Intel MKL", mkl, false);
        string? blis = files.FirstOrDefault(f => Path.GetFileName(f).StartsWith("libblis", StringComparison.Ordinal));
        if (blis is not null) return new BlasLibrary("BLIS", blis, false);
        string? atlas = files.FirstOrDefault(f => f.Contains("/atlas/", StringComparison.Ordinal));
        if (atlas is not null) return new BlasLibrary("ATLAS", atlas, false);
        // Debian's reference implementation lives in .../blas/libblas.so.3 (package libblas3).
        string? reference = files.FirstOrDefault(f => Path.GetFileName(f).StartsWith("libblas.so", StringComparison.Ordinal));
        if (reference is not null) return new BlasLibrary("reference BLAS (netlib, unoptimised)", reference, true);

        Match linked = MklVersionLine().Match(mklVersion);
        if (linked.Success) return new BlasLibrary(linked.Value.Trim() + " (linked into libtorch)", null, false);
        return null;
    }

    // Debian builds OpenBLAS three ways, each in its own folder; the pthread one suits libtorch's OpenMP.
    private static string? OpenBlasVariant(IReadOnlyList<string> files, string openblas)
    {
        string all = openblas + "\n" + string.Join("\n", files.Where(f => f.Contains("openblas", StringComparison.Ordinal)));
        if (all.Contains("openblas-pthread", StringComparison.Ordinal) || Path.GetFileName(openblas).StartsWith("libopenblasp", StringComparison.Ordinal)) return "pthread";
        if (all.Contains("openblas-openmp", StringComparison.Ordinal) || Path.GetFileName(openblas).StartsWith("libopenblaso", StringComparison.Ordinal)) return "OpenMP";
        if (all.Contains("openblas-serial", StringComparison.Ordinal)) return "serial";
        return null;
    }

    [GeneratedRegex(@"-r(\d+(?:\.\d+)+)")]
    private static partial Regex OpenBlasVersion();

    [GeneratedRegex(@"Intel\(R\)[^\n]*Math Kernel Library[^\n]*")]
    private static partial Regex MklVersionLine();
}
