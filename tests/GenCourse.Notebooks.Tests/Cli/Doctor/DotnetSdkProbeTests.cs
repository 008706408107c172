using GenCourse.Notebooks.Cli.Doctor;

namespace GenCourse.Notebooks.Tests.Cli.Doctor;

public class DotnetSdkProbeTests
{
    [Fact]
    public void ASdk10IsOk()
    {
        CheckResult r = DotnetSdkProbe.Judge("10.0.401", "10.0.12");
        Assert.Equal((CheckStatus.Ok, "10.0.401 (runtime 10.0.12)"), (r.Status, r.Detail));
    }

    [Fact]
    public void AnOlderSdkFails() =>
        Assert.Equal(CheckStatus.Fail, DotnetSdkProbe.Judge("9.0.100", "10.0.12").Status);

    [Fact]
    public void NoSdkFailsWithAnInstallHint()
    {
        CheckResult r = DotnetSdkProbe.Judge(null, "10.0.12");
        Assert.Equal(CheckStatus.Fail, r.Status);
        Assert.Contains(".NET 10 SDK", r.FixIt);
    }

    [Fact]
    public void TheSdkRunningTheseTestsIsFound()
    {
        CheckResult r = DotnetSdkProbe.Run();
        Assert.Equal(CheckStatus.Ok, r.Status);
        Assert.EndsWith($"(runtime {Environment.Version})", r.Detail);
    }
}
