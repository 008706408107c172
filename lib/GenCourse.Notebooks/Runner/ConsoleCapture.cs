using System.Text;

namespace GenCourse.Notebooks.Runner;

/// <summary>
/// Sends <see cref="Console.Out"/> and <see cref="Console.Error"/> to the running cell's
/// stdout/stderr streams (found through the async flow, so runs on other threads, e.g.
/// parallel tests, keep their own), and elsewhere to the original console.
/// </summary>
internal static class ConsoleCapture
{
    private static readonly object Gate = new();
    private static TextWriter? installedOut, installedError;

    /// <summary>Routes the console through the cells; again if someone replaced the writers since (they become the fallback).</summary>
    public static void Install()
    {
        lock (Gate)
        {
            if (!ReferenceEquals(Console.Out, installedOut))
            {
                Console.SetOut(new RoutingWriter("stdout", Console.Out));
                installedOut = Console.Out;
            }
            if (!ReferenceEquals(Console.Error, installedError))
            {
                Console.SetError(new RoutingWriter("stderr", Console.Error));
                installedError = Console.Error;
            }
        }
    }

    private sealed class RoutingWriter(string stream, TextWriter fallback) : TextWriter
    {
        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value) => Write(value.ToString());

        public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

        public override void Write(string? value)
        {
            if (string.IsNullOrEmpty(value)) return;
            if (NotebookKernel.Capture is { } capture) capture.Write(stream, value);
            else fallback.Write(value);
        }

        public override void WriteLine(string? value) => Write((value ?? "") + "\n");

        public override void WriteLine() => Write("\n");

        public override void Flush()
        {
            if (NotebookKernel.Capture is null) fallback.Flush();
        }
    }
}
