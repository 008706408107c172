namespace GenCourse.Notebooks;

/// <summary>The `gencourse` command line (the ./gencourse script runs this after set-up).</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        Console.Error.WriteLine("usage: gencourse <command> ...");
        return 2;
    }
}
