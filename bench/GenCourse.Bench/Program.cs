using GenCourse.Bench.Engine;

namespace GenCourse.Bench;

/// <summary>
/// <c>GenCourse.Bench &lt;suite&gt; [options]</c>: side-by-side timings of the course's TorchSharp
/// code against PyTorch, and the chapters' quality runs (<c>./gencourse bench &lt;suite&gt;</c>).
/// </summary>
public static class Program
{
    private const string Suites = "engine, ae, vae";

    public static int Main(string[] args)
    {
        // Thread and malloc settings must reach libtorch before it loads (GenCourse's module
        // initializer runs on first use of a GenCourse type; this makes that use explicit).
        GenCourse.Engine.NativeSettings.Apply();
        if (args.Length == 0 || args[0] is "-h" or "--help")
        {
            Console.Error.WriteLine($"usage: GenCourse.Bench <suite> [options]   (suites: {Suites})");
            return args.Length == 0 ? 2 : 0;
        }
        string[] options = args[1..];
        try
        {
            return args[0] switch
            {
                "engine" => EngineSuite.Run(options),
                "ae" => AeSuite.Run(options),
                "vae" => VaeSuite.Run(options),
                _ => Unknown(args[0]),
            };
        }
        catch (BenchException e)
        {
            Console.Error.WriteLine($"bench {args[0]}: {e.Message}");
            return 1;
        }
    }

    private static int Unknown(string suite)
    {
        Console.Error.WriteLine($"unknown bench suite '{suite}'; the suites are: {Suites}");
        return 2;
    }
}
