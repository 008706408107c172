using GenCourse.Torch;

namespace GenCourse.Bench.Binding;

/// <summary>
/// Adam (Kingma &amp; Ba 2014, arXiv:1412.6980) on leaf tensors, written op for op as PyTorch
/// 1.13's single-tensor <c>torch.optim.Adam</c> (<c>_single_tensor_adam</c>, foreach=False),
/// so both sides of the bench do the same update:
/// <code>
/// m ← β₁m + (1 − β₁)g        v ← β₂v + (1 − β₂)g²
/// p ← p − (lr / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε)
/// </code>
/// </summary>
public sealed class FunctionalAdam : IDisposable
{
    private readonly Tensor[] parameters;
    private readonly Tensor[] expAvg;
    private readonly Tensor[] expAvgSq;
    private readonly double lr;
    private readonly double beta1;
    private readonly double beta2;
    private readonly double eps;
    private long step;

    public FunctionalAdam(Tensor[] parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8)
    {
        this.parameters = parameters;
        this.lr = lr;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        using (torch.no_grad())
        {
            expAvg = parameters.Select(p => torch.zeros_like(p).DetachFromDisposeScope()).ToArray();
            expAvgSq = parameters.Select(p => torch.zeros_like(p).DetachFromDisposeScope()).ToArray();
        }
    }

    /// <summary>Sets every gradient to None (PyTorch's <c>zero_grad(set_to_none=True)</c>).</summary>
    public void ZeroGrad()
    {
        foreach (Tensor p in parameters) p.grad = null;
    }

    /// <summary>One update from the gradients in <c>.grad</c>; each parameter's temporaries die with its own scope.</summary>
    public void Step()
    {
        using var noGrad = torch.no_grad();
        step++;
        double biasCorrection1 = 1 - Math.Pow(beta1, step);
        double biasCorrection2Sqrt = Math.Sqrt(1 - Math.Pow(beta2, step));
        double stepSize = lr / biasCorrection1;
        for (int i = 0; i < parameters.Length; ++i)
        {
            // PyTorch frees each parameter's temporaries (the grad handle, √v, denom) before the next.
            using var scope = torch.NewDisposeScope();
            if (parameters[i].grad is not Tensor g) continue;
            expAvg[i].mul_(beta1).add_(g, alpha: 1 - beta1);
            expAvgSq[i].mul_(beta2).addcmul_(g, g, value: 1 - beta2);
            Tensor denom = (expAvgSq[i].sqrt() / biasCorrection2Sqrt).add_(eps);
            parameters[i].addcdiv_(expAvg[i], denom, value: -stepSize);
        }
    }

    public void Dispose()
    {
        foreach (Tensor t in expAvg) t.Dispose();
        foreach (Tensor t in expAvgSq) t.Dispose();
    }
}
