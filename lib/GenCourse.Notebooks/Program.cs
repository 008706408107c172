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
        writer.WriteLine("  " + DoctorCommand.Usage);
        writer.WriteLine("  help              show this list");
    }
}
