using GenCourse.Torch.Interop;

namespace GenCourse.Torch;

// Autograd on a tensor: backward, .grad, detach.
public sealed partial class Tensor
{
    private static readonly Op Detach = new("aten::detach");

    /// <summary>
    /// Accumulates d(this)/d(leaf) into every leaf's <see cref="grad"/>. For a non-scalar
    /// tensor pass <paramref name="gradient"/> (the vector in the vector-Jacobian product).
    /// <paramref name="create_graph"/> records the backward pass itself, for double backward.
    /// </summary>
    public void backward(Tensor? gradient = null, bool? retain_graph = null, bool create_graph = false)
    {
        bool retain = retain_graph ?? create_graph;
        int rc = NativeMethods.gc_backward(Handle, gradient?.Handle ?? IntPtr.Zero, retain ? 1 : 0, create_graph ? 1 : 0);
        GC.KeepAlive(gradient);
        NativeMethods.Check(rc, "Tensor.backward");
    }

    /// <summary>
    /// The gradient accumulated by <see cref="backward"/>, or null. Each read gives a new
    /// tensor object (owned by the current scope) for the same native gradient, so reading
    /// it inside a training step's scope is free of leaks.
    /// </summary>
    public Tensor? grad
    {
        get => FromHandleOrNull(NativeMethods.gc_tensor_grad(Handle));
        set
        {
            int rc = NativeMethods.gc_tensor_set_grad(Handle, value?.Handle ?? IntPtr.Zero);
            GC.KeepAlive(value);
            NativeMethods.Check(rc, "Tensor.grad");
        }
    }

    /// <summary>A view of the same data that autograd does not track.</summary>
    public Tensor detach() => Detach.Call(this);
}
