using GenCourse.Torch.Interop;

namespace GenCourse.Torch;

/// <summary>
/// A random-number generator of its own (PyTorch's <c>torch.Generator</c>), so that a piece of
/// randomness (a fixed binarisation, a sampler) can be reproduced without touching the global
/// seed. Pass it to the random functions that take <c>generator:</c>.
/// </summary>
public sealed class Generator : IDisposable
{
    private IntPtr handle;

    public Generator(ulong seed, Device? device = null)
    {
        Device d = device ?? Device.CPU;
        handle = NativeMethods.Check(NativeMethods.gc_generator_new(seed, (int)d.type, d.index), "torch.Generator");
        this.device = d;
    }

    /// <summary>The device whose random numbers this generator makes.</summary>
    public Device device { get; }

    internal IntPtr Handle => handle != IntPtr.Zero ? handle : throw new ObjectDisposedException(nameof(Generator));

    /// <summary>Resets the generator to <paramref name="seed"/>; returns it.</summary>
    public Generator manual_seed(ulong seed)
    {
        NativeMethods.Check(NativeMethods.gc_generator_seed(Handle, seed), "Generator.manual_seed");
        return this;
    }

    public void Dispose()
    {
        IntPtr h = Interlocked.Exchange(ref handle, IntPtr.Zero);
        if (h != IntPtr.Zero) NativeMethods.gc_generator_free(h);
        GC.SuppressFinalize(this);
    }

    ~Generator() => Dispose();
}
