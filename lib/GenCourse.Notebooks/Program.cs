using GenCourse.Notebooks.Cli;

namespace GenCourse.Notebooks;

/// <summary>The `gencourse` command line (the ./gencourse script runs this after set-up).</summary>
public static class Program
{
    private const string Usage = """
        usage: gencourse <command> ...

          run NOTEBOOK.ipynb     run a notebook headless (gencourse run --help)
          export NOTEBOOK.ipynb  write it as a .NET file-based app (gencourse export --help)
          course                 run every notebook with the quick profile and summarize
        """;

    public static int Main(string[] args)
    {
        if (args.Length == 0)
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }
        string[] rest = args[1..];
        switch (args[0])
        {
            case "run": return RunCommand.Execute(rest);
            case "export": return ExportCommand.Execute(rest);
            case "course": return CourseCommand.Execute(rest);
            case "-h" or "--help" or "help":
                Console.WriteLine(Usage);
                return 0;
            default:
                Console.Error.WriteLine($"gencourse: unknown command '{args[0]}'.");
                Console.Error.WriteLine(Usage);
                return 2;
        }
    }
}
