namespace GenCourse.Bench;

public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "ae") return AeSuite.Run(args[1..]);
        Console.Error.WriteLine("usage: GenCourse.Bench <suite>   (suites: ae)");
        return 2;
    }
}
