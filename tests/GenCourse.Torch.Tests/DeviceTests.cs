namespace GenCourse.Torch.Tests;

public class DeviceTests
{
    [Fact]
    public void ParsesCpuCudaAndAnIndex()
    {
        Assert.Equal(new Device(DeviceType.CPU), Device.Parse("cpu"));
        Assert.Equal(Device.CPU, torch.device("cpu"));
        Assert.Equal(new Device(DeviceType.CUDA, -1), torch.device("cuda"));
        Assert.Equal(new Device(DeviceType.CUDA, 1), torch.device(" CUDA:1 "));
        Assert.Equal(new Device(DeviceType.CUDA, 2), torch.device(DeviceType.CUDA, 2));
        Device fromString = "cuda:0";
        Assert.Equal(0, fromString.index);
        Assert.True(fromString.is_cuda);
        Assert.False(Device.CPU.is_cuda);
    }

    [Fact]
    public void PrintsAsPyTorchDoes()
    {
        Assert.Equal("cpu", Device.CPU.ToString());
        Assert.Equal("cuda", Device.CUDA.ToString());
        Assert.Equal("cuda:1", torch.device("cuda:1").ToString());
    }

    [Fact]
    public void CudaAvailabilityIsConsistent()
    {
        bool available = torch.cuda.is_available();
        Assert.Equal(available, torch.cuda.device_count() > 0);
        using var t = torch.ones(2);
        if (available)
        {
            using var g = t.cuda();
            Assert.True(g.is_cuda);
        }
        else
        {
            // A CPU build: asking for CUDA is a clear error (CudaGuard), not a crash or a silent CPU tensor.
            var e = Assert.Throws<InvalidOperationException>(() => t.to(Device.CUDA));
            Assert.Contains("CUDA is not available", e.Message);
            Assert.Throws<InvalidOperationException>(() => torch.cuda.synchronize());
            Assert.Throws<TorchException>(() => new Generator(1, Device.CUDA));
        }
    }
}
