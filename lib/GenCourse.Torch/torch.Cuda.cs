using GenCourse.Torch.Interop;

namespace GenCourse.Torch;

public static partial class torch
{
    /// <summary>PyTorch's <c>torch.cuda</c>.</summary>
    public static class cuda
    {
        /// <summary>True when the bridge was built against a CUDA libtorch and a GPU is visible.</summary>
        public static bool is_available() => NativeMethods.gc_cuda_is_available() != 0;

        /// <summary>The number of visible GPUs (0 without CUDA).</summary>
        public static int device_count() => NativeMethods.gc_cuda_device_count();

        /// <summary>Seeds every CUDA generator (torch.manual_seed does this too).</summary>
        public static void manual_seed_all(long seed) => manual_seed(seed);

        /// <summary>Waits for all queued work on a GPU to finish (for honest timings).</summary>
        public static void synchronize(int device = -1)
        {
            if (!is_available()) throw new InvalidOperationException("torch.cuda.synchronize: CUDA is not available (the bridge is a CPU build or no GPU is visible); run `./gencourse doctor`.");
            NativeMethods.Check(NativeMethods.gc_cuda_synchronize(device), "torch.cuda.synchronize");
        }
    }
}
