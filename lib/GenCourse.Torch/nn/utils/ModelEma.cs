namespace GenCourse.Torch;

/// <summary>
/// An exponential moving average of a model's parameters, kept in a second model of the same
/// architecture (timm's ModelEmaV2; used to sample from GANs and diffusion models, e.g. DDPM
/// evaluates with an EMA of decay 0.9999, Ho et al. 2020 §4):
/// <code>θ_ema ← decay·θ_ema + (1 − decay)·θ</code>
/// after each optimizer step. Buffers (BatchNorm statistics) are copied, not averaged. With
/// <c>warmup</c> the decay used at update n is min(decay, (1 + n)/(10 + n)), so early updates
/// follow the model quickly. The averaged model is <see cref="module"/>, in evaluation mode
/// with gradients off; this object owns it. Move the model to its device before creating the EMA.
/// <code>
/// var ema = new ModelEma&lt;Unet&gt;(unet, new Unet(options), decay: 0.9999);
/// ... opt.step(); ema.update();
/// var x0 = sampler.Sample(ema.module, ...);
/// </code>
/// </summary>
public sealed class ModelEma<TModule> : IDisposable where TModule : nn.Module
{
    private readonly (Tensor ema, Tensor live)[] parameterPairs;
    private readonly (Tensor ema, Tensor live)[] bufferPairs;
    private double decayValue;

    /// <param name="model">The model being trained.</param>
    /// <param name="copy">A fresh instance of the same architecture; it receives the model's weights now.</param>
    /// <param name="decay">The weight of the old average, in [0, 1].</param>
    /// <param name="warmup">Use min(decay, (1 + n)/(10 + n)) at update n.</param>
    public ModelEma(TModule model, TModule copy, double decay = 0.9999, bool warmup = false)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(copy);
        if (ReferenceEquals(model, copy))
            throw new ArgumentException("the EMA copy must be a separate instance of the model's architecture, not the model itself", nameof(copy));
        module = copy;
        this.model = model;
        try
        {
            this.decay = decay;
            this.warmup = warmup;
            using (StateDict weights = model.state_dict()) copy.load_state_dict(weights, strict: true);
            copy.eval().requires_grad_(false);
            var emaParameters = copy.named_parameters().ToDictionary(e => e.name, e => e.parameter);
            parameterPairs = model.named_parameters().Select(e => (emaParameters[e.name], e.parameter)).ToArray();
            var emaBuffers = copy.named_buffers().ToDictionary(e => e.name, e => e.buffer);
            bufferPairs = model.named_buffers()
                .Where(e => emaBuffers.ContainsKey(e.name))
                .Select(e => (emaBuffers[e.name], e.buffer)).ToArray();
        }
        catch
        {
            copy.Dispose();                             // it was handed over; nobody else will free it
            throw;
        }
    }

    /// <summary>The averaged model (evaluation mode, no gradients).</summary>
    public TModule module { get; }

    /// <summary>The model being averaged.</summary>
    public TModule model { get; }

    /// <summary>The weight of the old average in each update, in [0, 1].</summary>
    public double decay
    {
        get => decayValue;
        set
        {
            if (!(value >= 0 && value <= 1)) throw new ArgumentOutOfRangeException(nameof(decay), value, "the EMA decay must be in [0, 1]");
            decayValue = value;
        }
    }

    /// <summary>Whether the decay ramps up as min(decay, (1 + n)/(10 + n)).</summary>
    public bool warmup { get; }

    /// <summary>How many times <see cref="update"/> has run (set it when resuming with warm-up).</summary>
    public long num_updates { get; set; }

    /// <summary>The decay the next <see cref="update"/> will use.</summary>
    public double current_decay => warmup ? Math.Min(decay, (1.0 + num_updates) / (10.0 + num_updates)) : decay;

    /// <summary>θ_ema ← d·θ_ema + (1 − d)·θ for every parameter (d = <see cref="current_decay"/>); buffers are copied.</summary>
    public void update()
    {
        ObjectDisposedException.ThrowIf(module.IsDisposed, this);
        double d = current_decay;
        using (torch.no_grad())
        {
            // lerp: θ_ema + (1 − d)(θ − θ_ema) = d·θ_ema + (1 − d)·θ
            foreach ((Tensor ema, Tensor live) in parameterPairs) ema.lerp_(live, 1 - d);
            foreach ((Tensor ema, Tensor live) in bufferPairs) ema.copy_(live);
        }
        num_updates++;
    }

    /// <summary>The averaged weights (the EMA model's state dict).</summary>
    public StateDict state_dict() => module.state_dict();

    /// <summary>Loads averaged weights (e.g. when resuming training).</summary>
    public IncompatibleKeys load_state_dict(IReadOnlyDictionary<string, Tensor> state_dict, bool strict = true) =>
        module.load_state_dict(state_dict, strict);

    /// <summary>Disposes the averaged model (not the model being trained).</summary>
    public void Dispose() => module.Dispose();
}
