namespace GenCourse.Torch.Tests;

/// <summary>Asking for CUDA without it is a clear error, not a silent CPU fall-back.</summary>
public class CudaGuardTests
{
    [Fact]
    public void CreatingOnCudaWithoutCudaSaysWhatToDo()
    {
        if (torch.cuda.is_available()) return;   // the GPU case is covered by the Cuda-trait tests
        var e = Assert.Throws<InvalidOperationException>(() => torch.zeros(new long[] { 2 }, device: torch.device("cuda")));
        Assert.Contains("'cuda'", e.Message);
        Assert.Contains("CUDA is not available", e.Message);
        Assert.Contains("./gencourse doctor", e.Message);
        Assert.DoesNotContain("\n", e.Message);
    }

    [Fact]
    public void MovingToCudaWithoutCudaFailsTheSameWay()
    {
        if (torch.cuda.is_available()) return;
        using var x = torch.ones(3);
        Assert.Throws<InvalidOperationException>(() => x.to(torch.device("cuda:0")));
        using var m = nn.Linear(2, 2);
        Assert.Throws<InvalidOperationException>(() => m.to(torch.device("cuda")));
        Assert.Equal(DeviceType.CPU, m.parameters().First().device.type);
    }
}
