namespace GenCourse.Torch.Optimizers;

/// <summary>
/// The update shared by <see cref="Adam"/> and <see cref="AdamW"/> (Kingma &amp; Ba 2014,
/// arXiv:1412.6980, Algorithm 1; Loshchilov &amp; Hutter 2017, arXiv:1711.05101, Algorithm 2),
/// written as PyTorch 1.13 computes it.
/// </summary>
internal static class AdamStep
{
    internal static void Apply(Tensor param, Tensor grad, optim.ParamState state, double lr, double weightDecay,
        double beta1, double beta2, double eps, bool amsgrad, bool decoupled)
    {
        Tensor g = grad;
        if (weightDecay != 0)
        {
            if (decoupled) param.mul_(1 - lr * weightDecay);          // AdamW: θ ← θ − lr·λθ, outside the moments
            else g = g.add(param, weightDecay);                       // Adam: g ← g + λθ, through the moments
        }
        // The indexer rather than GetOrAdd(name, () => …): a lambda capturing param would allocate
        // a closure and delegates on every step of every parameter.
        Tensor m = state["exp_avg"] ?? state.Set("exp_avg", torch.zeros_like(param));
        Tensor v = state["exp_avg_sq"] ?? state.Set("exp_avg_sq", torch.zeros_like(param));
        long t = ++state.step;

        m.mul_(beta1).add_(g, 1 - beta1);                             // m ← β₁m + (1 − β₁)g
        v.mul_(beta2).addcmul_(g, g, 1 - beta2);                      // v ← β₂v + (1 − β₂)g²
        double biasCorrection1 = 1 - Math.Pow(beta1, t);              // 1 − β₁ᵗ
        double biasCorrection2 = 1 - Math.Pow(beta2, t);              // 1 − β₂ᵗ

        Tensor second = v;
        if (amsgrad)
        {
            Tensor vMax = state["max_exp_avg_sq"] ?? state.Set("max_exp_avg_sq", torch.zeros_like(param));
            vMax.copy_(torch.maximum(vMax, v));                       // v̂max ← max(v̂max, v)
            second = vMax;
        }
        // θ ← θ − lr·m̂/(√v̂ + ε), with m̂ = m/(1 − β₁ᵗ), √v̂ = √v/√(1 − β₂ᵗ)
        Tensor denom = (second.sqrt() / Math.Sqrt(biasCorrection2)).add_(eps);
        param.addcdiv_(m, denom, -lr / biasCorrection1);
    }

    internal static void CheckSettings((double beta1, double beta2) betas, double eps)
    {
        if (!(betas.beta1 >= 0 && betas.beta1 < 1)) throw new ArgumentOutOfRangeException(nameof(betas), betas.beta1, "beta1 must be in [0, 1)");
        if (!(betas.beta2 >= 0 && betas.beta2 < 1)) throw new ArgumentOutOfRangeException(nameof(betas), betas.beta2, "beta2 must be in [0, 1)");
        if (!(eps >= 0)) throw new ArgumentOutOfRangeException(nameof(eps), eps, "eps must be >= 0");
    }
}
