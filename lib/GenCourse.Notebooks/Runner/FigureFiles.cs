using GenCourse.Checkpoints;
namespace GenCourse.Notebooks.Runner;

/// <summary>Writes a run's figures as files (figure-1.png, figure-2.svg, …), replacing those of an earlier run.</summary>
public static class FigureFiles
{
    public static void Write(string directory, IReadOnlyList<Figure> figures)
    {
        if (Directory.Exists(directory))
            foreach (string stale in Directory.EnumerateFiles(directory, "figure-*"))
                File.Delete(stale);
        foreach (Figure figure in figures)
            AtomicFile.WriteAllBytes(Path.Combine(directory, figure.FileName), figure.Content);
    }
}
