namespace GenCourse.Torch.Tests;

/// <summary>
/// A fact that needs a GPU: skipped, with the reason, when <c>torch.cuda.is_available()</c> is
/// false (a CPU build of the bridge, or no visible GPU). Pair it with
/// <c>[Trait("Category", "Cuda")]</c> so a GPU run can select these tests.
/// </summary>
public sealed class CudaFactAttribute : FactAttribute
{
    public CudaFactAttribute()
    {
        if (!torch.cuda.is_available())
            Skip = "CUDA is not available: the bridge is a CPU build or no GPU is visible (build it against a CUDA libtorch with Torch_DIR).";
    }
}
