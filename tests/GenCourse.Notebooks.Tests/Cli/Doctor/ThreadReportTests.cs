using GenCourse.Notebooks.Cli.Doctor;

namespace GenCourse.Notebooks.Tests.Cli.Doctor;

public class ThreadReportTests
{
    [Fact]
    public void TheDefaultIsOnePerCoreWithLibgompsWaiting()
    {
        CheckResult r = ThreadReport.Describe(2, "default (one per core)", 2, GenCourse.Engine.NativeSettings.DefaultWaitPolicy);
        Assert.Equal(CheckStatus.Ok, r.Status);
        Assert.Equal("2 intra-op threads, one per core (2 cores; set GENCOURSE_NUM_THREADS to choose); OMP_WAIT_POLICY=default (libgomp spins briefly, then sleeps)", r.Detail);
    }

    [Fact]
    public void PassiveWaitingWithSeveralThreadsWarns()
    {
        CheckResult r = ThreadReport.Describe(2, "default (one per core)", 2, "PASSIVE (from the environment)");
        Assert.Equal(CheckStatus.Warn, r.Status);
        Assert.Contains("unset OMP_WAIT_POLICY", r.FixIt, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void AVariableThatSetTheThreadsIsNamed()
    {
        CheckResult r = ThreadReport.Describe(1, "GENCOURSE_NUM_THREADS", 4, "PASSIVE (from the environment)", requested: 1);
        Assert.Equal(CheckStatus.Ok, r.Status);
        Assert.StartsWith("1 intra-op thread, set by GENCOURSE_NUM_THREADS;", r.Detail);
        Assert.EndsWith("(from the environment)", r.Detail);
    }

    [Fact]
    public void ActiveWaitingWithSeveralThreadsWarns()
    {
        CheckResult r = ThreadReport.Describe(2, "default (one per core)", 2, "ACTIVE (from the environment)");
        Assert.Equal(CheckStatus.Warn, r.Status);
        Assert.Contains("unset OMP_WAIT_POLICY", r.FixIt, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void ActiveWaitingWithOneThreadIsHarmless() =>
        Assert.Equal(CheckStatus.Ok, ThreadReport.Describe(1, "OMP_NUM_THREADS", 2, "ACTIVE (from the environment)", 1).Status);

    [Fact]
    public void MoreThreadsThanCoresWarns()
    {
        CheckResult r = ThreadReport.Describe(8, "GENCOURSE_NUM_THREADS", 2, GenCourse.Engine.NativeSettings.DefaultWaitPolicy, 8);
        Assert.Equal(CheckStatus.Warn, r.Status);
        Assert.Contains("GENCOURSE_NUM_THREADS=2", r.FixIt);
    }

    [Fact]
    public void ThreadsOtherThanRequestedMeanLibtorchLoadedFirst()
    {
        CheckResult r = ThreadReport.Describe(2, "GENCOURSE_NUM_THREADS", 2, GenCourse.Engine.NativeSettings.DefaultWaitPolicy, requested: 1);
        Assert.Equal(CheckStatus.Warn, r.Status);
        Assert.Contains("asked for 1", r.Detail);
        Assert.Contains("NativeSettings.Apply()", r.FixIt);
    }
}
