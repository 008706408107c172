namespace GenCourse.Torch.Interop;

/// <summary>
/// Asking for CUDA where there is none is a clear error, never a silent fall-back to the CPU
/// and never libtorch's multi-line backend dump. Checked once per process (the answer cannot
/// change while the process runs) whenever a CUDA device crosses the bridge.
/// </summary>
internal static class CudaGuard
{
    private static int state;   // 0 unknown, 1 available, 2 unavailable

    internal static void Require(Device device)
    {
        if (state == 0) state = torch.cuda.is_available() ? 1 : 2;
        if (state == 2)
            throw new InvalidOperationException(
                $"Device '{device}' was requested, but CUDA is not available in this process: the bridge was built against a CPU-only " +
                "libtorch or no NVIDIA GPU is visible. Run on \"cpu\", or point Torch_DIR at a CUDA libtorch, rebuild with " +
                "`./gencourse build`, and check with `./gencourse doctor`.");
        if (device.index >= torch.cuda.device_count())
            throw new InvalidOperationException(
                $"Device '{device}' was requested, but only {torch.cuda.device_count()} GPU(s) are visible (indices 0..{torch.cuda.device_count() - 1}).");
    }
}
