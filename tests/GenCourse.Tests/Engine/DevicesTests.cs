using GenCourse.Engine;

namespace GenCourse.Tests.Engine;

public sealed class DevicesTests
{
    [Fact]
    public void DevicesCompareByTypeAndIndexNotByReference()
    {
        using Tensor a = torch.zeros(1), b = torch.zeros(1);
        Assert.False(ReferenceEquals(a.device, b.device));   // a new object per call: == would say "different"
        Assert.True(a.device.SameAs(b.device));
        Assert.True(torch.device("cpu").SameAs(CPU));
        if (!torch.cuda.is_available()) return;   // TorchSharp will not even name a CUDA device without one
        Assert.True(torch.device("cuda").SameAs(torch.device("cuda:0")));
        Assert.False(torch.device("cuda").SameAs(CPU));
    }
}
