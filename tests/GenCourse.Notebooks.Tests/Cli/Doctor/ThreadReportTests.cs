using GenCourse.Notebooks.Cli.Doctor;

namespace GenCourse.Notebooks.Tests.Cli.Doctor;

public class ThreadReportTests
{
    [Fact]
    public void TheDefaultIsOnePerCoreWithPassiveWaiting()
    {
        CheckResult r = ThreadReport.Describe(2, "default", 2, "PASSIVE", policyFromEnvironment: false);
        Assert.Equal(CheckStatus.Ok, r.Status);
        Assert.Equal("2 intra-op threads, one per core (2 cores; set GENCOURSE_NUM_THREADS to choose); OMP_WAIT_POLICY=PASSIVE (GenCourse's default)", r.Detail);
    }

    [Fact]
    public void AVariableThatSetTheThreadsIsNamed()
    {
        CheckResult r = ThreadReport.Describe(1, "GENCOURSE_NUM_THREADS", 4, "PASSIVE", policyFromEnvironment: true);
        Assert.Equal(CheckStatus.Ok, r.Status);
        Assert.StartsWith("1 intra-op thread, set by GENCOURSE_NUM_THREADS;", r.Detail);
        Assert.EndsWith("(from your environment)", r.Detail);
    }

    [Fact]
    public void ActiveWaitingWithSeveralThreadsWarns()
    {
        CheckResult r = ThreadReport.Describe(2, "default", 2, "ACTIVE", policyFromEnvironment: true);
        Assert.Equal(CheckStatus.Warn, r.Status);
        Assert.Contains("unset OMP_WAIT_POLICY", r.FixIt);
    }

    [Fact]
    public void ActiveWaitingWithOneThreadIsHarmless() =>
        Assert.Equal(CheckStatus.Ok, ThreadReport.Describe(1, "OMP_NUM_THREADS", 2, "ACTIVE", true).Status);

    [Fact]
    public void MoreThreadsThanCoresWarns()
    {
        CheckResult r = ThreadReport.Describe(8, "GENCOURSE_NUM_THREADS", 2, "PASSIVE", false);
        Assert.Equal(CheckStatus.Warn, r.Status);
        Assert.Contains("GENCOURSE_NUM_THREADS=2", r.FixIt);
    }
}
