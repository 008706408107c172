using GenCourse.Torch.Interop;

namespace GenCourse.Torch;

// Grad mode and torch.autograd.
public static partial class torch
{
    /// <summary>True when autograd records operations on this thread.</summary>
    public static bool is_grad_enabled() => NativeMethods.gc_grad_enabled() != 0;

    /// <summary>Turns recording off on this thread until the returned scope is disposed.</summary>
    public static GradModeScope no_grad() => new(false);

    /// <summary>Turns recording on on this thread until the returned scope is disposed.</summary>
    public static GradModeScope enable_grad() => new(true);

    /// <summary>Sets recording on or off until the returned scope is disposed.</summary>
    public static GradModeScope set_grad_enabled(bool enabled) => new(enabled);

    /// <summary>PyTorch's <c>torch.autograd</c>.</summary>
    public static class autograd
    {
        /// <summary>
        /// The gradients of <paramref name="outputs"/> with respect to <paramref name="inputs"/>,
        /// returned rather than accumulated into <c>.grad</c>. With <paramref name="create_graph"/>
        /// the result is itself differentiable (gradient penalties, the contractive penalty).
        /// An input that the outputs do not depend on gives null when <paramref name="allow_unused"/>.
        /// </summary>
        public static unsafe Tensor?[] grad(Tensor[] outputs, Tensor[] inputs, Tensor?[]? grad_outputs = null,
            bool? retain_graph = null, bool create_graph = false, bool allow_unused = false)
        {
            ArgumentNullException.ThrowIfNull(outputs);
            ArgumentNullException.ThrowIfNull(inputs);
            if (grad_outputs is not null && grad_outputs.Length != outputs.Length)
                throw new ArgumentException($"grad_outputs has {grad_outputs.Length} entries but there are {outputs.Length} outputs");
            bool retain = retain_graph ?? create_graph;
            IntPtr* outs = stackalloc IntPtr[outputs.Length];
            IntPtr* ins = stackalloc IntPtr[inputs.Length];
            IntPtr* gouts = stackalloc IntPtr[outputs.Length];
            IntPtr* result = stackalloc IntPtr[inputs.Length];
            for (int k = 0; k < outputs.Length; ++k)
            {
                outs[k] = outputs[k].Handle;
                gouts[k] = grad_outputs?[k]?.Handle ?? IntPtr.Zero;
            }
            for (int k = 0; k < inputs.Length; ++k) ins[k] = inputs[k].Handle;
            int rc = NativeMethods.gc_autograd_grad(outs, outputs.Length, ins, inputs.Length, gouts,
                retain ? 1 : 0, create_graph ? 1 : 0, allow_unused ? 1 : 0, result);
            GC.KeepAlive(outputs);
            GC.KeepAlive(inputs);
            GC.KeepAlive(grad_outputs);
            NativeMethods.Check(rc, "torch.autograd.grad");
            var grads = new Tensor?[inputs.Length];
            for (int k = 0; k < inputs.Length; ++k) grads[k] = Tensor.FromHandleOrNull(result[k]);
            return grads;
        }

        /// <summary>The gradient of one output with respect to one input.</summary>
        public static Tensor grad(Tensor output, Tensor input, Tensor? grad_output = null, bool? retain_graph = null, bool create_graph = false) =>
            grad(new[] { output }, new[] { input }, grad_output is null ? null : new[] { grad_output }, retain_graph, create_graph)[0]!;
    }
}

/// <summary>Restores the previous grad mode when disposed (see <see cref="torch.no_grad"/>).</summary>
public sealed class GradModeScope : IDisposable
{
    private readonly bool previous;
    private bool disposed;

    internal GradModeScope(bool enabled)
    {
        previous = NativeMethods.gc_grad_enabled() != 0;
        NativeMethods.gc_set_grad_enabled(enabled ? 1 : 0);
    }

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        NativeMethods.gc_set_grad_enabled(previous ? 1 : 0);
    }
}
