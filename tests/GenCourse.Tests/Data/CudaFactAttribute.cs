namespace GenCourse.Tests.Data;

/// <summary>A fact that runs only where libtorch sees a CUDA device, and says so when it skips.</summary>
public sealed class CudaFactAttribute : FactAttribute
{
    public CudaFactAttribute()
    {
        if (!torch.cuda.is_available()) Skip = "no CUDA device: libtorch reports torch.cuda.is_available() == false (the engine is TorchSharp's CPU build unless built with GENCOURSE_TORCH=cuda)";
    }
}
