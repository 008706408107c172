using GenCourse.Notebooks.Cli.Doctor;

namespace GenCourse.Notebooks.Tests.Cli.Doctor;

public class GpuQueryTests
{
    [Fact]
    public void OneNamePerNonEmptyLine() =>
        Assert.Equal(new[] { "NVIDIA H100 80GB HBM3", "NVIDIA A100-SXM4-40GB" },
            GpuQuery.ParseNames("NVIDIA H100 80GB HBM3\r\n\nNVIDIA A100-SXM4-40GB\n"));

    [Fact]
    public void NoOutputIsNoGpu() => Assert.Empty(GpuQuery.ParseNames("\n"));
}
