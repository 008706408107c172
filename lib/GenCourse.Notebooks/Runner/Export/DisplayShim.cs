namespace GenCourse.Notebooks.Runner.Export;

/// <summary>
/// <c>display</c> and <c>HTML</c> for an exported app, with the notebook helpers' names and
/// shapes so the cells compile unchanged; a console shows text, so values print as text/plain.
/// </summary>
internal static class DisplayShim
{
    public const string LocalFunctions = """
        // display() and HTML() as the notebook hosts provide them; a console prints text.
        static DisplayedValue display(object value, params string[] mimeTypes)
        {
            Console.WriteLine(value?.ToString() ?? "<null>");
            return new DisplayedValue();
        }

        static string HTML(string html) => html;

        """;

    public const string Types = """
        sealed class DisplayedValue
        {
            public void Update(object updatedValue) => Console.WriteLine(updatedValue?.ToString() ?? "<null>");
        }
        """;
}
