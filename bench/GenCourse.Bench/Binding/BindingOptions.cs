using System.Globalization;

namespace GenCourse.Bench.Binding;

/// <summary>What <c>bench binding</c> was asked to do.</summary>
public enum BindingMode
{
    /// <summary>Run both sides and print the comparison (the default).</summary>
    Compare,
    /// <summary>Internal: the C# side of one round, in a child process.</summary>
    Worker,
    /// <summary>Internal: the peak-RSS run, in a child process.</summary>
    RssWorker,
}

/// <summary>
/// The command line of <c>bench binding</c>:
/// <c>[--threads 1,2] [--rounds 3] [--case NAME:WARMUP:REPS …] [--rss-steps 500,5000 | --no-rss]</c>.
/// </summary>
public sealed record BindingOptions(BindingMode Mode, IReadOnlyList<int> Threads, int Rounds, IReadOnlyList<CaseSpec> Cases, IReadOnlyList<int> RssSteps)
{
    public const string Usage =
        "usage: bench binding [--threads 1,2] [--rounds 3] [--case NAME:WARMUP:REPS ...] [--rss-steps 500,5000 | --no-rss]";

    public static BindingOptions Parse(string[] args)
    {
        var mode = BindingMode.Compare;
        IReadOnlyList<int> threads = [1, 2];
        int rounds = 3;
        var cases = new List<CaseSpec>();
        IReadOnlyList<int> rssSteps = [500, 5000];
        for (int i = 0; i < args.Length; ++i)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new BenchException($"{args[i]} needs a value; {Usage}");
            switch (args[i])
            {
                case "--worker": mode = BindingMode.Worker; break;
                case "--rss-worker": mode = BindingMode.RssWorker; break;
                case "--threads": threads = PositiveList(Value(), "--threads"); break;
                case "--rounds": rounds = PositiveList(Value(), "--rounds") is [int r] ? r : throw new BenchException($"--rounds takes one number; {Usage}"); break;
                case "--case": cases.Add(CaseSpec.Parse(Value())); break;
                case "--rss-steps": rssSteps = PositiveList(Value(), "--rss-steps"); break;
                case "--no-rss": rssSteps = []; break;
                default: throw new BenchException($"unknown option '{args[i]}'; {Usage}");
            }
        }
        if (mode != BindingMode.Compare && threads.Count != 1)
            throw new BenchException("a worker runs with exactly one --threads value");
        if (mode == BindingMode.Worker && cases.Count == 0)
            throw new BenchException("a worker needs at least one --case NAME:WARMUP:REPS");
        if (rssSteps.Zip(rssSteps.Skip(1)).Any(p => p.Second <= p.First))
            throw new BenchException("--rss-steps must increase, e.g. 500,5000");
        return new BindingOptions(mode, threads, rounds, cases, rssSteps);
    }

    private static int[] PositiveList(string text, string option)
    {
        string[] parts = text.Split(',');
        var values = new int[parts.Length];
        for (int k = 0; k < parts.Length; ++k)
            if (!int.TryParse(parts[k], NumberStyles.None, CultureInfo.InvariantCulture, out values[k]) || values[k] < 1)
                throw new BenchException($"{option} '{text}' must be positive whole numbers separated by commas");
        return values;
    }
}
