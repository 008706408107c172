using GenCourse.Display;

namespace GenCourse.Tests.Display;

public class ProgressTests
{
    /// <summary>A clock that moves only when told to.</summary>
    private sealed class FakeClock : TimeProvider
    {
        private long ticks;
        public override long GetTimestamp() => ticks;
        public override long TimestampFrequency => TimeSpan.TicksPerSecond;
        public void Advance(TimeSpan by) => ticks += by.Ticks;
    }

    private static (string Output, Progress Progress) Train(int epochs, int stepsPerEpoch, ProgressMode mode, TimeSpan perStep, Func<long, double>? loss = null)
    {
        var clock = new FakeClock();
        var output = new StringWriter();
        var progress = new Progress(epochs, stepsPerEpoch, "vae", output, mode, summaryLines: 10, time: clock);
        for (long step = 1; step <= (long)epochs * stepsPerEpoch; ++step)
        {
            clock.Advance(perStep);
            progress.Step(loss?.Invoke(step) ?? 1.0);
        }
        progress.Finish();
        return (output.ToString(), progress);
    }

    private static string[] Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void SummaryOfTenThousandStepsInOneEpochIsElevenLines()
    {
        var (output, progress) = Train(1, 10_000, ProgressMode.Summary, TimeSpan.FromMilliseconds(10), step => step);
        string[] lines = Lines(output);
        Assert.Equal(11, lines.Length);                 // 10 progress lines and the closing one
        Assert.DoesNotContain('\r', output);
        // first line after 1000 steps of 10 ms: loss = mean(1…1000) = 500.5, 100 it/s, 9000 steps left = 90 s
        Assert.Equal("vae  epoch 1/1  step 1000/10000 (10%)  loss 500.5000  100.0 it/s  elapsed 0:10  ETA 1:30", lines[0]);
        Assert.StartsWith("vae  epoch 1/1  step 10000/10000 (100%)  loss 9500.5000", lines[9]);
        Assert.Equal("vae  done: 10000/10000 steps in 1:40 (100.0 it/s), last loss 10000.0000", lines[10]);
        Assert.Equal(10_000, progress.Losses.Count);
        Assert.Equal(ProgressMode.Summary, progress.Mode);
    }

    [Fact]
    public void SummaryOfManyEpochsReportsEveryKthEpochEnd()
    {
        var (output, _) = Train(100, 100, ProgressMode.Summary, TimeSpan.FromMilliseconds(1));
        string[] lines = Lines(output);
        Assert.Equal(11, lines.Length);
        Assert.Equal(Enumerable.Range(1, 10).Select(k => $"epoch {10 * k}/100"), lines[..10].Select(l => l.Split("  ")[1]));

        var (few, _) = Train(3, 50, ProgressMode.Summary, TimeSpan.FromMilliseconds(1));
        Assert.Equal(["epoch 1/3", "epoch 2/3", "epoch 3/3"], Lines(few)[..3].Select(l => l.Split("  ")[1]));
        Assert.Equal(4, Lines(few).Length);

        var (single, _) = Train(10_000, 1, ProgressMode.Summary, TimeSpan.FromMilliseconds(1));
        Assert.Equal(11, Lines(single).Length);
    }

    [Fact]
    public void LiveModeRedrawsInPlaceAtMostTenTimesASecond()
    {
        var (output, _) = Train(2, 5_000, ProgressMode.Live, TimeSpan.FromMilliseconds(1));
        int redraws = output.Count(c => c == '\r');
        // 10 s of training at ≤ 10 redraws per second, plus the two epoch ends
        Assert.InRange(redraws, 50, 102);
        string[] lines = Lines(output);
        Assert.Equal(3, lines.Length);                  // one finished line per epoch, then "done"
        Assert.Contains("(epoch mean)", lines[0]);
        Assert.Contains("epoch 2/2 [====================] 5000/5000", lines[1]);
        Assert.StartsWith("vae  done: 10000/10000 steps in 0:10", lines[2]);
    }

    [Fact]
    public void ANonFiniteLossIsReportedOnce()
    {
        var (output, _) = Train(1, 1000, ProgressMode.Summary, TimeSpan.FromMilliseconds(1), step => step > 500 ? double.NaN : 1);
        string warning = Assert.Single(Lines(output), l => l.Contains("warning"));
        Assert.Equal("vae  warning: loss is NaN at step 501 (epoch 1); training has probably diverged.", warning);
    }

    [Fact]
    public void FinishIsOnceAndEndsTheRun()
    {
        var output = new StringWriter();
        var progress = new Progress(1, 10, output: output);
        progress.Step(0.5);
        progress.Dispose();
        progress.Finish();
        Assert.Single(Lines(output.ToString()), l => l.Contains("done: 1/10"));
        Assert.Throws<InvalidOperationException>(() => progress.Step(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Progress(0, 10, output: output));
    }

    [Fact]
    public void AnExplicitWriterMeansSummaryUnlessTheEnvironmentSaysLive()
    {
        string? before = Environment.GetEnvironmentVariable("GENCOURSE_PROGRESS");
        try
        {
            Environment.SetEnvironmentVariable("GENCOURSE_PROGRESS", null);
            Assert.Equal(ProgressMode.Summary, new Progress(1, 1, output: new StringWriter()).Mode);
            Environment.SetEnvironmentVariable("GENCOURSE_PROGRESS", "live");
            Assert.Equal(ProgressMode.Live, new Progress(1, 1, output: new StringWriter()).Mode);
        }
        finally
        {
            Environment.SetEnvironmentVariable("GENCOURSE_PROGRESS", before);
        }
    }
}
