namespace GenCourse.Torch.Tests;

/// <summary>The same ops on a GPU give the CPU's values (to float32 rounding). Skipped without CUDA.</summary>
[Trait("Category", "Cuda")]
public class CudaTests
{
    private static readonly Device Gpu = torch.device("cuda");

    private static void SameOnBothDevices(Func<Device, Tensor> compute, double tol = 1e-4)
    {
        using var scope = torch.NewDisposeScope();
        Tensor cpu = compute(Device.CPU);
        Tensor gpu = compute(Gpu);
        Assert.True(gpu.is_cuda);
        Assert.Equal(cpu.shape, gpu.shape);
        Approx.Equal(cpu.ToArray<double>(), gpu, tol);
    }

    private static Tensor Data(Device d, int seed, params long[] shape)
    {
        using var g = new Generator((ulong)seed);
        using Tensor t = torch.randn(shape, generator: g);
        return t.to(d);
    }

    [CudaFact]
    public void MatmulAndSoftmaxMatchTheCpu() =>
        SameOnBothDevices(d => torch.matmul(Data(d, 1, 8, 16), Data(d, 2, 16, 4)).softmax(1));

    [CudaFact]
    public void Conv2dAndPoolingMatchTheCpu() =>
        SameOnBothDevices(d => nn.functional.max_pool2d(
            nn.functional.conv2d(Data(d, 3, 2, 3, 12, 12), Data(d, 4, 5, 3, 3, 3), Data(d, 5, 5), padding: 1).relu(), 2));

    [CudaFact]
    public void ReductionsAndLossesMatchTheCpu() =>
        SameOnBothDevices(d =>
        {
            Tensor x = Data(d, 6, 4, 10);
            Tensor target = torch.tensor(new long[] { 1, 9, 0, 3 }).to(d);
            return torch.stack(new[] { nn.functional.cross_entropy(x, target), x.logsumexp(1).mean(), x.var(), x.norm() });
        });

    [CudaFact]
    public void TensorsMoveToTheGpuAndBack()
    {
        using var scope = torch.NewDisposeScope();
        Tensor cpu = torch.tensor(new float[] { 1, 2, 3 });
        Tensor gpu = cpu.to(Gpu);
        Assert.Equal(DeviceType.CUDA, gpu.device.type);
        Assert.Equal(new[] { 1f, 2f, 3f }, gpu.ToArray<float>());
        Assert.Equal(new[] { 2f, 4f, 6f }, (gpu * 2).cpu().ToArray<float>());
        Assert.Contains("device='cuda:0'", gpu.ToString());
        Tensor made = torch.zeros(new long[] { 2 }, device: Gpu);
        Assert.True(made.is_cuda);
    }

    [CudaFact]
    public void BackwardRunsOnTheGpu()
    {
        using var scope = torch.NewDisposeScope();
        Tensor x = torch.tensor(new float[] { 1, -2, 3 }, device: Gpu, requires_grad: true);
        (x * x).sum().backward();
        Tensor grad = x.grad!;
        Assert.True(grad.is_cuda);
        Assert.Equal(new[] { 2f, -4f, 6f }, grad.ToArray<float>());
    }
}
