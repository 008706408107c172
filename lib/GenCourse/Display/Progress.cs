using System.Globalization;
using System.Reflection;

namespace GenCourse.Display;

/// <summary>
/// Progress of a training loop: epoch, step/total, loss, steps per second, time left.
/// In a terminal it is a live bar; in a notebook or a log it prints at most
/// <c>summaryLines</c> lines, each with the mean loss since the previous one.
/// </summary>
/// <example>
/// <code>
/// using var progress = new Progress(epochs, batchesPerEpoch, "VAE");
/// for (int epoch = 0; epoch &lt; epochs; ++epoch)
///     foreach (var batch in loader)
///         progress.Step(TrainStep(batch));
/// new LinePlot("VAE loss", "step", "loss").Add("train", progress.Losses)
/// </code>
/// </example>
public sealed class Progress : IDisposable
{
    private static readonly TimeSpan RedrawInterval = TimeSpan.FromMilliseconds(100);
    private const int BarWidth = 20;

    private readonly TextWriter output;
    private readonly TimeProvider time;
    private readonly long start;
    private readonly SortedSet<long> checkpoints = [];
    private readonly List<double> losses = [];
    private double intervalSum;
    private long intervalCount;
    private double epochSum;
    private long epochCount;
    private TimeSpan? lastDraw;
    private int lastLiveLength;
    private bool warnedNonFinite;

    /// <param name="epochs">Passes over the data.</param>
    /// <param name="stepsPerEpoch">Optimizer steps (batches) per pass.</param>
    /// <param name="label">A name at the start of each line, e.g. "VAE".</param>
    /// <param name="output">Where to write (default: the console).</param>
    /// <param name="mode">Live bar, summary lines, or a guess from the output (the default).</param>
    /// <param name="summaryLines">How many progress lines summary mode prints at most (plus a final one).</param>
    /// <param name="time">The clock (default: the system's; tests pass a fake one).</param>
    public Progress(int epochs, int stepsPerEpoch, string label = "train", TextWriter? output = null,
        ProgressMode mode = ProgressMode.Auto, int summaryLines = 10, TimeProvider? time = null)
    {
        if (epochs < 1) throw new ArgumentOutOfRangeException(nameof(epochs), epochs, "Training needs at least one epoch.");
        if (stepsPerEpoch < 1) throw new ArgumentOutOfRangeException(nameof(stepsPerEpoch), stepsPerEpoch, "An epoch needs at least one step.");
        if (summaryLines < 1) throw new ArgumentOutOfRangeException(nameof(summaryLines), summaryLines, "Summary mode prints at least one line.");
        Epochs = epochs;
        StepsPerEpoch = stepsPerEpoch;
        TotalSteps = (long)epochs * stepsPerEpoch;
        Label = string.IsNullOrWhiteSpace(label) ? "train" : label;
        this.output = output ?? Console.Out;
        Mode = mode != ProgressMode.Auto ? mode : Guess(output);
        this.time = time ?? TimeProvider.System;
        start = this.time.GetTimestamp();

        // Summary lines: at epoch ends (every k-th epoch when there are more epochs than lines),
        // or at evenly spaced steps when there is a single epoch.
        if (epochs >= 2)
            for (int j = 1; j <= summaryLines; ++j)
                checkpoints.Add((long)Math.Ceiling((double)j * epochs / summaryLines) * stepsPerEpoch);
        else
            for (int j = 1; j <= summaryLines; ++j)
                checkpoints.Add((long)Math.Ceiling((double)j * TotalSteps / summaryLines));
    }

    public int Epochs { get; }
    public int StepsPerEpoch { get; }
    public long TotalSteps { get; }
    public string Label { get; }

    /// <summary>The mode in use (never <see cref="ProgressMode.Auto"/>).</summary>
    public ProgressMode Mode { get; }

    /// <summary>Steps reported so far.</summary>
    public long StepsDone { get; private set; }

    /// <summary>The epoch (1-based) of the last step reported.</summary>
    public int Epoch => (int)Math.Min(Epochs, Math.Max(1, (StepsDone + StepsPerEpoch - 1) / StepsPerEpoch));

    /// <summary>Every loss passed to <see cref="Step"/>, in order: ready for a <see cref="LinePlot"/>.</summary>
    public IReadOnlyList<double> Losses => losses;

    public bool IsFinished { get; private set; }

    public TimeSpan Elapsed => time.GetElapsedTime(start);

    /// <summary>Reports one finished step and its loss.</summary>
    public void Step(double loss)
    {
        if (IsFinished) throw new InvalidOperationException($"Progress '{Label}' is finished; create a new one for another run.");
        StepsDone++;
        losses.Add(loss);
        intervalSum += loss;
        intervalCount++;
        epochSum += loss;
        epochCount++;
        if (!double.IsFinite(loss) && !warnedNonFinite)
        {
            warnedNonFinite = true;
            EndLiveLine();
            output.WriteLine($"{Label}  warning: loss is {Number(loss)} at step {StepsDone} (epoch {Epoch}); training has probably diverged.");
        }
        bool epochEnd = StepsDone % StepsPerEpoch == 0 && StepsDone <= TotalSteps;
        if (Mode == ProgressMode.Live) Live(epochEnd);
        else if (checkpoints.Contains(StepsDone)) SummaryLine();
        if (epochEnd)
        {
            epochSum = 0;
            epochCount = 0;
        }
    }

    /// <summary>Prints the closing line (once); <see cref="Dispose"/> calls it too.</summary>
    public void Finish()
    {
        if (IsFinished) return;
        IsFinished = true;
        EndLiveLine();
        TimeSpan elapsed = Elapsed;
        double last = losses.Count == 0 ? double.NaN : losses[^1];
        output.WriteLine($"{Label}  done: {StepsDone}/{TotalSteps} steps in {Clock(elapsed)} ({Rate(StepsDone, elapsed)}), last loss {Number(last)}");
        output.Flush();
    }

    public void Dispose() => Finish();

    private void SummaryLine()
    {
        TimeSpan elapsed = Elapsed;
        double mean = intervalSum / intervalCount;
        int percent = (int)(100 * StepsDone / TotalSteps);
        output.WriteLine($"{Label}  epoch {Epoch}/{Epochs}  step {StepsDone}/{TotalSteps} ({percent}%)  loss {Number(mean)}  " +
                         $"{Rate(StepsDone, elapsed)}  elapsed {Clock(elapsed)}  ETA {Eta(elapsed)}");
        output.Flush();
        intervalSum = 0;
        intervalCount = 0;
    }

    private void Live(bool epochEnd)
    {
        TimeSpan elapsed = Elapsed;
        if (!epochEnd && lastDraw is { } last && elapsed - last < RedrawInterval) return;
        lastDraw = elapsed;
        long inEpoch = StepsDone - (long)(Epoch - 1) * StepsPerEpoch;
        int filled = (int)Math.Min(BarWidth, BarWidth * inEpoch / StepsPerEpoch);
        string bar = new string('=', filled) + (filled < BarWidth ? ">" + new string(' ', BarWidth - filled - 1) : "");
        double shown = epochEnd ? epochSum / epochCount : losses[^1];
        string line = $"{Label}  epoch {Epoch}/{Epochs} [{bar}] {inEpoch}/{StepsPerEpoch}  loss {Number(shown)}{(epochEnd ? " (epoch mean)" : "")}  " +
                      $"{Rate(StepsDone, elapsed)}  {(epochEnd ? "elapsed " + Clock(elapsed) : "ETA " + Eta(elapsed))}";
        output.Write("\r" + line.PadRight(lastLiveLength));
        lastLiveLength = line.Length;
        if (epochEnd) EndLiveLine();
        output.Flush();
    }

    private void EndLiveLine()
    {
        if (lastLiveLength == 0) return;
        output.WriteLine();
        lastLiveLength = 0;
    }

    private string Eta(TimeSpan elapsed)
    {
        if (StepsDone == 0 || elapsed <= TimeSpan.Zero) return "?";
        // remaining steps at the average rate so far
        double seconds = Math.Max(0, TotalSteps - StepsDone) * elapsed.TotalSeconds / StepsDone;
        return Clock(TimeSpan.FromSeconds(seconds));
    }

    private static string Rate(long steps, TimeSpan elapsed) =>
        elapsed <= TimeSpan.Zero ? "? it/s" : (steps / elapsed.TotalSeconds).ToString("0.0", CultureInfo.InvariantCulture) + " it/s";

    /// <summary>m:ss, or h:mm:ss from an hour on.</summary>
    internal static string Clock(TimeSpan t)
    {
        long s = (long)Math.Round(t.TotalSeconds);
        return s >= 3600 ? $"{s / 3600}:{s / 60 % 60:00}:{s % 60:00}" : $"{s / 60}:{s % 60:00}";
    }

    private static string Number(double v) => double.IsFinite(v) ? v.ToString("0.0000", CultureInfo.InvariantCulture) : v.ToString(CultureInfo.InvariantCulture);

    private static ProgressMode Guess(TextWriter? requested)
    {
        string? env = Environment.GetEnvironmentVariable("GENCOURSE_PROGRESS");
        if (string.Equals(env, "live", StringComparison.OrdinalIgnoreCase)) return ProgressMode.Live;
        if (string.Equals(env, "summary", StringComparison.OrdinalIgnoreCase)) return ProgressMode.Summary;
        if (requested is not null || Console.IsOutputRedirected) return ProgressMode.Summary;
        if (Environment.GetEnvironmentVariable("TERM") == "dumb") return ProgressMode.Summary;
        // A notebook kernel captures the console: never draw a live bar into a notebook.
        if (AppDomain.CurrentDomain.GetAssemblies().Any(a => a.GetName().Name?.StartsWith("Microsoft.DotNet.Interactive", StringComparison.Ordinal) == true))
            return ProgressMode.Summary;
        return WritesToTerminal(Console.Out) ? ProgressMode.Live : ProgressMode.Summary;
    }

    // Console.SetOut (what a notebook runner does to capture output) replaces the writer without
    // redirecting the process's stdout, so IsOutputRedirected cannot see it. The console's own
    // writer is a synchronised StreamWriter over the console stream; anything else is a capture.
    // If the runtime's internals differ, this says "not a terminal", the safe answer.
    private static bool WritesToTerminal(TextWriter writer)
    {
        TextWriter inner = writer;
        if (writer.GetType().GetField("_out", BindingFlags.Instance | BindingFlags.NonPublic)?.GetValue(writer) is TextWriter wrapped)
            inner = wrapped;
        return inner is StreamWriter { BaseStream: var stream } && stream.GetType().Name.Contains("ConsoleStream", StringComparison.Ordinal);
    }
}
