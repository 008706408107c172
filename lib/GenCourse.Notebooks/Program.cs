using GenCourse.Notebooks.Cli;

namespace GenCourse.Notebooks;

/// <summary>The `gencourse` command line (the ./gencourse script runs this after set-up).</summary>
public static class Program
{
    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Dispatches a subcommand; one case per command.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length == 0)
        {
            PrintUsage(error);
            return 2;
        }
        string[] rest = args[1..];
        switch (args[0])
        {
            case "doctor":
                return DoctorCommand.Run(rest, output);
            case "run":
                return RunCommand.Execute(rest);
            case "export":
                return ExportCommand.Execute(rest);
            case "course":
                return CourseCommand.Execute(rest);
            case "help" or "--help" or "-h":
                PrintUsage(output);
                return 0;
            default:
                error.WriteLine($"gencourse: '{args[0]}' is not a command of this build.");
                PrintUsage(error);
                return 2;
        }
    }

    private static void PrintUsage(TextWriter writer)
    {
        writer.WriteLine("usage: gencourse <command> [arguments]");
        writer.WriteLine("commands:");
        writer.WriteLine("  run NOTEBOOK.ipynb   run a notebook headless (gencourse run --help)");
        writer.WriteLine("  export NOTEBOOK.ipynb  write it as a .NET file-based app (gencourse export --help)");
        writer.WriteLine("  course               run every notebook with the quick profile and summarize");
        writer.WriteLine("  " + DoctorCommand.Usage);
        writer.WriteLine("  help              show this list");
    }
}
