using GenCourse.Display;

namespace GenCourse.Tests.Display;

public class ReportTests
{
    [Theory]
    [InlineData("test_mse", 0.25, "[metric] test_mse = 0.25")]
    [InlineData("fid/mnist", 12.5, "[metric] fid/mnist = 12.5")]
    [InlineData("bits-per-dim.test", 1e-7, "[metric] bits-per-dim.test = 1E-07")]
    [InlineData("loss", 0.1 + 0.2, "[metric] loss = 0.30000000000000004")]
    public void AMetricIsOneLineWithTheRoundTripValue(string name, double value, string line) =>
        Assert.Equal(line, Report.MetricLine(name, value));

    [Theory]
    [InlineData("two words")]
    [InlineData("")]
    [InlineData("a=b")]
    public void ANameThatTheLineCouldNotCarryIsRefused(string name)
    {
        var e = Assert.Throws<ArgumentException>(() => Report.MetricLine(name, 1));
        Assert.Contains("letters, digits and _ . - /", e.Message);
    }
}
