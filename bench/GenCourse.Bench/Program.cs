namespace GenCourse.Bench;

public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "vae") return VaeSuite.Run(args[1..]);
        Console.Error.WriteLine("usage: GenCourse.Bench <suite>   (suites: vae)");
        return 2;
    }
}
