using System.Globalization;

namespace GenCourse.Notebooks.Cli;

/// <summary>Walks a command's arguments: <c>--name value</c>, <c>--name=value</c>, flags and positionals.</summary>
internal sealed class ArgumentReader(IReadOnlyList<string> args, string command)
{
    private int next;

    public bool TryNext(out string argument)
    {
        if (next < args.Count) { argument = args[next++]; return true; }
        argument = "";
        return false;
    }

    /// <summary>The value of an option given as <c>--name value</c> or <c>--name=value</c>.</summary>
    public string Value(string argument, string name)
    {
        if (argument.StartsWith(name + "=", StringComparison.Ordinal)) return argument[(name.Length + 1)..];
        if (next < args.Count) return args[next++];
        throw new UsageException($"{command}: {name} needs a value.");
    }

    public static bool Is(string argument, string name) =>
        argument == name || argument.StartsWith(name + "=", StringComparison.Ordinal);

    public double Seconds(string argument, string name)
    {
        string text = Value(argument, name);
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double s) && s > 0 && double.IsFinite(s)) return s;
        throw new UsageException($"{command}: {name} takes a positive number of seconds; got '{text}'.");
    }

    public UsageException Unknown(string argument) => new($"{command}: unknown option '{argument}' (see `gencourse {command} --help`).");
}
