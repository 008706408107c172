namespace GenCourse.Torch.Optimizers;

/// <summary>
/// AdamW, Adam with decoupled weight decay (Loshchilov &amp; Hutter 2017, arXiv:1711.05101,
/// Algorithm 2; PyTorch's <c>torch.optim.AdamW</c>, same update):
/// <code>
/// θ ← θ − lr·λθ                      (decay applied directly, not through the moments)
/// m ← β₁m + (1 − β₁)g,  v ← β₂v + (1 − β₂)g²,  g = ∇θ
/// θ ← θ − lr·m̂/(√v̂ + ε)               i.e. θ ← θ − lr·(m̂/(√v̂ + ε) + λθ) in all
/// </code>
/// Unlike Adam's L2 term, the decay is not divided by √v̂, so every weight shrinks at the same rate.
/// </summary>
public sealed class AdamW : optim.Optimizer
{
    private (double beta1, double beta2) betasValue;
    private double epsValue;

    public AdamW(IEnumerable<Tensor> @params, double lr = 1e-3, (double beta1, double beta2)? betas = null, double eps = 1e-8,
        double weight_decay = 1e-2, bool amsgrad = false)
        : this(new[] { new optim.ParamGroup(@params) }, lr, betas, eps, weight_decay, amsgrad)
    {
    }

    public AdamW(IEnumerable<optim.ParamGroup> param_groups, double lr = 1e-3, (double beta1, double beta2)? betas = null, double eps = 1e-8,
        double weight_decay = 1e-2, bool amsgrad = false)
        : base(param_groups, lr, weight_decay)
    {
        this.betas = betas ?? (0.9, 0.999);
        this.eps = eps;
        this.amsgrad = amsgrad;
    }

    /// <summary>(β₁, β₂): decay rates of the first and second moment averages.</summary>
    public (double beta1, double beta2) betas
    {
        get => betasValue;
        set
        {
            AdamStep.CheckSettings(value, 0);
            betasValue = value;
        }
    }

    /// <summary>ε, added to √v̂ for numerical stability.</summary>
    public double eps
    {
        get => epsValue;
        set
        {
            AdamStep.CheckSettings((0, 0), value);
            epsValue = value;
        }
    }

    /// <summary>Use the largest v so far (AMSGrad, Reddi et al. 2018).</summary>
    public bool amsgrad { get; set; }

    protected override void Update(optim.ParamGroup group, Tensor param, Tensor grad, optim.ParamState state) =>
        AdamStep.Apply(param, grad, state, group.lr, group.weight_decay, betas.beta1, betas.beta2, eps, amsgrad, decoupled: true);

    protected override IEnumerable<KeyValuePair<string, double>> GetDefaults() => new Dictionary<string, double>
    {
        ["beta1"] = betas.beta1,
        ["beta2"] = betas.beta2,
        ["eps"] = eps,
        ["amsgrad"] = amsgrad ? 1 : 0,
    };

    protected override void SetDefaults(IReadOnlyDictionary<string, double> values)
    {
        betas = (values["beta1"], values["beta2"]);
        eps = values["eps"];
        amsgrad = values["amsgrad"] != 0;
    }
}
