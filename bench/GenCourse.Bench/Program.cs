namespace GenCourse.Bench;

public static class Program
{
    public static int Main(string[] args)
    {
        Console.Error.WriteLine("usage: GenCourse.Bench <suite>");
        return 2;
    }
}
