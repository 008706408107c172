namespace GenCourse.Torch.Optimizers;

/// <summary>
/// Stochastic gradient descent with momentum (PyTorch's <c>torch.optim.SGD</c>, same update):
/// <code>
/// g ← ∇θ + λθ                                  (weight decay as L2)
/// b ← g at the first step, then μ·b + (1 − dampening)·g
/// d ← g + μ·b if nesterov, else b               (d = g without momentum)
/// θ ← θ − lr·d
/// </code>
/// Nesterov momentum (Sutskever et al. 2013) needs μ &gt; 0 and no dampening.
/// </summary>
public sealed class SGD : optim.Optimizer
{
    private double momentumValue;
    private double dampeningValue;

    public SGD(IEnumerable<Tensor> @params, double lr, double momentum = 0, double dampening = 0, double weight_decay = 0, bool nesterov = false)
        : this(new[] { new optim.ParamGroup(@params) }, lr, momentum, dampening, weight_decay, nesterov)
    {
    }

    public SGD(IEnumerable<optim.ParamGroup> param_groups, double lr, double momentum = 0, double dampening = 0, double weight_decay = 0, bool nesterov = false)
        : base(param_groups, lr, weight_decay)
    {
        this.momentum = momentum;
        this.dampening = dampening;
        this.nesterov = nesterov;
        CheckNesterov();
    }

    /// <summary>μ, the weight of the previous direction (0: plain SGD).</summary>
    public double momentum
    {
        get => momentumValue;
        set => momentumValue = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(momentum), value, "momentum must be >= 0");
    }

    /// <summary>How much of the new gradient is left out of the momentum buffer.</summary>
    public double dampening
    {
        get => dampeningValue;
        set => dampeningValue = value >= 0 && value <= 1 ? value : throw new ArgumentOutOfRangeException(nameof(dampening), value, "dampening must be in [0, 1]");
    }

    /// <summary>Nesterov's look-ahead: step along g + μ·b instead of b.</summary>
    public bool nesterov { get; set; }

    private void CheckNesterov()
    {
        if (nesterov && (momentum <= 0 || dampening != 0))
            throw new ArgumentException("Nesterov momentum requires momentum > 0 and dampening = 0");
    }

    protected override void Update(optim.ParamGroup group, Tensor param, Tensor grad, optim.ParamState state)
    {
        Tensor d = grad;
        if (group.weight_decay != 0) d = d.add(param, group.weight_decay);            // g + λθ
        if (momentum != 0)
        {
            Tensor? b = state["momentum_buffer"];
            if (b is null) b = state.Set("momentum_buffer", d.clone());                 // b₁ = g₁
            else b.mul_(momentum).add_(d, 1 - dampening);                              // b ← μb + (1 − τ)g
            d = nesterov ? d.add(b, momentum) : b;                                     // g + μb or b
        }
        param.add_(d, -group.lr);                                                      // θ ← θ − lr·d
        state.step++;
    }

    protected override IEnumerable<KeyValuePair<string, double>> GetDefaults() => new Dictionary<string, double>
    {
        ["momentum"] = momentum,
        ["dampening"] = dampening,
        ["nesterov"] = nesterov ? 1 : 0,
    };

    protected override void SetDefaults(IReadOnlyDictionary<string, double> values)
    {
        momentum = values["momentum"];
        dampening = values["dampening"];
        nesterov = values["nesterov"] != 0;
        CheckNesterov();
    }
}
