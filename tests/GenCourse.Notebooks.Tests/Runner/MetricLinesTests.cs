using GenCourse.Display;
using GenCourse.Notebooks.Runner;

namespace GenCourse.Notebooks.Tests.Runner;

public class MetricLinesTests
{
    [Theory]
    [InlineData("test_mse_per_pixel", 0.0123)]
    [InlineData("fid/mnist", 12.5)]
    [InlineData("nll.bits-per-dim", 1e-7)]
    [InlineData("loss", double.NaN)]
    public void WhatReportMetricPrintsIsReadBack(string name, double value)
    {
        var parsed = MetricLines.Parse("noise\n" + Report.MetricLine(name, value) + "\nmore noise\n").Single();
        Assert.Equal(name, parsed.Key);
        Assert.Equal(value, parsed.Value);
    }

    [Theory]
    [InlineData("[metric] loss: 0.5")]
    [InlineData("x [metric] loss = 0.5")]
    [InlineData("[metric] loss = abc")]
    [InlineData("[metric] two words = 1")]
    public void OtherLinesAreNotMetrics(string line) => Assert.Empty(MetricLines.Parse(line));
}
