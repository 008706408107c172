using System.Globalization;

namespace GenCourse.Bench.Engine;

/// <summary>What <c>bench engine</c> was asked to do.</summary>
public enum EngineMode
{
    /// <summary>Run both sides and print the comparison (the default).</summary>
    Compare,
    /// <summary>Internal: the C# side of one round, in a child process.</summary>
    Worker,
    /// <summary>Internal: the peak-RSS run of one training case, in a child process.</summary>
    RssWorker,
}

/// <summary>
/// The command line of <c>bench engine</c>; see <see cref="Usage"/>. <c>--quick</c> is one round
/// with fewer repetitions and RSS readings after 50 and 500 steps (a smoke run, a few minutes);
/// options given explicitly win over it, in any order. <c>--rss-only</c> skips the timings and the
/// Python side. <c>--rss-limit-mb</c> stops a case's RSS run once its resident set passes that many
/// MB (a leak of a few MB per step would otherwise take a shared machine's memory).
/// </summary>
public sealed record EngineOptions(EngineMode Mode, IReadOnlyList<int> Threads, int Rounds, IReadOnlyList<CaseSpec> Cases,
    IReadOnlyList<int> RssSteps, IReadOnlyList<string> RssCases, int RssLimitMb, bool Quick, bool RssOnly)
{
    public const string Usage =
        "usage: bench engine [--quick | --rss-only] [--threads 1,2] [--rounds 3] [--case NAME:WARMUP:REPS ...]\n" +
        "                    [--rss-steps 500,5000 | --no-rss] [--rss-case NAME ...] [--rss-limit-mb 6000]";

    /// <summary>The default RSS readings (the issue's: after 500 and after 5,000 steps).</summary>
    public static readonly int[] DefaultRssSteps = [500, 5000];

    /// <summary>The RSS readings of <c>--quick</c>.</summary>
    public static readonly int[] QuickRssSteps = [50, 500];

    public static EngineOptions Parse(string[] args)
    {
        var mode = EngineMode.Compare;
        IReadOnlyList<int> threads = [1, 2];
        int? rounds = null;
        var cases = new List<CaseSpec>();
        IReadOnlyList<int>? rssSteps = null;
        var rssCases = new List<string>();
        int rssLimitMb = 6000;
        bool quick = false, rssOnly = false;
        for (int i = 0; i < args.Length; ++i)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new BenchException($"{args[i]} needs a value\n{Usage}");
            switch (args[i])
            {
                case "--worker": mode = EngineMode.Worker; break;
                case "--rss-worker": mode = EngineMode.RssWorker; break;
                case "--quick": quick = true; break;
                case "--rss-only": rssOnly = true; break;
                case "--threads": threads = PositiveList(Value(), "--threads"); break;
                case "--rounds": rounds = PositiveList(Value(), "--rounds") is [int r] ? r : throw new BenchException($"--rounds takes one number\n{Usage}"); break;
                case "--case": cases.Add(CaseSpec.Parse(Value())); break;
                case "--rss-steps": rssSteps = PositiveList(Value(), "--rss-steps"); break;
                case "--no-rss": rssSteps = []; break;
                case "--rss-case":
                    string name = Value();
                    if (!EngineCase.TrainingNames.Contains(name))
                        throw new BenchException($"--rss-case '{name}' is not a training case; they are: {string.Join(", ", EngineCase.TrainingNames)}");
                    rssCases.Add(name);
                    break;
                case "--rss-limit-mb": rssLimitMb = PositiveList(Value(), "--rss-limit-mb") is [int mb] ? mb : throw new BenchException($"--rss-limit-mb takes one number\n{Usage}"); break;
                default: throw new BenchException($"unknown option '{args[i]}'\n{Usage}");
            }
        }
        rssSteps ??= quick ? QuickRssSteps : DefaultRssSteps;
        if (mode != EngineMode.Compare && threads.Count != 1)
            throw new BenchException("a worker runs with exactly one --threads value");
        if (mode == EngineMode.Worker && cases.Count == 0)
            throw new BenchException("a worker needs at least one --case NAME:WARMUP:REPS");
        if (mode == EngineMode.RssWorker && rssCases.Count != 1)
            throw new BenchException("an RSS worker needs exactly one --rss-case NAME");
        if (rssSteps.Zip(rssSteps.Skip(1)).Any(p => p.Second <= p.First))
            throw new BenchException("--rss-steps must increase, e.g. 500,5000");
        if (rssOnly && rssSteps.Count == 0)
            throw new BenchException("--rss-only and --no-rss leave nothing to run");
        if (rssCases.Count == 0) rssCases.AddRange(EngineCase.TrainingNames);
        return new EngineOptions(mode, threads, rounds ?? (quick ? 1 : 3), cases, rssSteps, rssCases, rssLimitMb, quick, rssOnly);
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
