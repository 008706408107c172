namespace GenCourse.Torch.Optimizers;

/// <summary>
/// Adam (Kingma &amp; Ba 2014, arXiv:1412.6980; PyTorch's <c>torch.optim.Adam</c>, same update):
/// <code>
/// g ← ∇θ + λθ                        (weight decay as L2: it goes through the moments)
/// m ← β₁m + (1 − β₁)g,  v ← β₂v + (1 − β₂)g²
/// m̂ = m/(1 − β₁ᵗ),  v̂ = v/(1 − β₂ᵗ)   (v̂ from max(v) so far with amsgrad, Reddi et al. 2018)
/// θ ← θ − lr·m̂/(√v̂ + ε)
/// </code>
/// For decay that is not rescaled by the moments use <see cref="AdamW"/>.
/// </summary>
public sealed class Adam : optim.Optimizer
{
    private (double beta1, double beta2) betasValue;
    private double epsValue;

    public Adam(IEnumerable<Tensor> @params, double lr = 1e-3, (double beta1, double beta2)? betas = null, double eps = 1e-8,
        double weight_decay = 0, bool amsgrad = false)
        : this(new[] { new optim.ParamGroup(@params) }, lr, betas, eps, weight_decay, amsgrad)
    {
    }

    public Adam(IEnumerable<optim.ParamGroup> param_groups, double lr = 1e-3, (double beta1, double beta2)? betas = null, double eps = 1e-8,
        double weight_decay = 0, bool amsgrad = false)
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
        AdamStep.Apply(param, grad, state, group.lr, group.weight_decay, betas.beta1, betas.beta2, eps, amsgrad, decoupled: false);

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
