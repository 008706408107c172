using TorchSharp;
using static TorchSharp.torch;

namespace GenCourse.Engine;

/// <summary>
/// Gradients of gradients (double backward) that never abort the process.
/// <para>
/// PyTorch's <c>torch.autograd.grad(…, create_graph=True)</c> also retains the graph
/// (<c>retain_graph</c> defaults to <c>create_graph</c>). TorchSharp 0.107.0's
/// <c>torch.autograd.grad</c> defaults <c>retain_graph</c> to false whatever <c>create_graph</c>
/// is, and a later use of the freed graph (the <c>backward()</c> of a loss that contains the
/// gradient, as in the contractive penalty and WGAN-GP) aborts the process natively (exit 134,
/// no exception to catch). <see cref="Grad(Tensor, Tensor, bool, bool?)"/> ties them as PyTorch does.
/// </para>
/// </summary>
public static class Autograd
{
    /// <summary>
    /// ∂<paramref name="output"/>/∂<paramref name="input"/> for a scalar output; with
    /// <paramref name="createGraph"/> the result is itself differentiable. The graph is retained
    /// when <paramref name="retainGraph"/> says so, and by default whenever a graph is created.
    /// </summary>
    public static Tensor Grad(Tensor output, Tensor input, bool createGraph = false, bool? retainGraph = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(input);
        return Grad([output], [input], null, createGraph, retainGraph)[0];
    }

    /// <summary>
    /// Σᵢ gradOutputsᵢ·∂outputsᵢ/∂inputs for each input (PyTorch's <c>torch.autograd.grad</c>),
    /// with <c>retain_graph</c> defaulting to <paramref name="createGraph"/>. An input the outputs do
    /// not depend on is an error that names it, rather than a null.
    /// </summary>
    public static IList<Tensor> Grad(IList<Tensor> outputs, IList<Tensor> inputs, IList<Tensor>? gradOutputs = null,
        bool createGraph = false, bool? retainGraph = null)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(inputs);
        for (int i = 0; i < inputs.Count; i++)
        {
            if (!inputs[i].requires_grad)
                throw new ArgumentException($"input {i} does not require grad, so it has no gradient; create it with requires_grad: true or call requires_grad_() on it", nameof(inputs));
        }
        IList<Tensor> grads = torch.autograd.grad(outputs, inputs, gradOutputs, retain_graph: retainGraph ?? createGraph, create_graph: createGraph);
        for (int i = 0; i < grads.Count; i++)
        {
            if (grads[i] is null || grads[i].IsInvalid)
                throw new ArgumentException($"the outputs do not depend on input {i}, so its gradient is undefined", nameof(inputs));
        }
        return grads;
    }
}
