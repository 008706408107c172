using System.Globalization;

namespace GenCourse.Torch.Modules;

/// <summary>
/// y = x Wᵀ + b (PyTorch's <c>nn.Linear</c>), W: [out_features, in_features], b: [out_features].
/// Default init as PyTorch: W by kaiming_uniform with a = √5, i.e. U(−1/√in, 1/√in), and b ~ U(−1/√in, 1/√in).
/// </summary>
public sealed class Linear : nn.Module<Tensor, Tensor>
{
    public Linear(long in_features, long out_features, bool bias = true, Device? device = null, ScalarType? dtype = null)
    {
        if (in_features <= 0) throw new ArgumentOutOfRangeException(nameof(in_features), in_features, "Linear needs in_features >= 1");
        if (out_features <= 0) throw new ArgumentOutOfRangeException(nameof(out_features), out_features, "Linear needs out_features >= 1");
        this.in_features = in_features;
        this.out_features = out_features;
        weight = RegisterParameter("weight", torch.empty(new[] { out_features, in_features }, dtype, device));
        if (bias) this.bias = RegisterParameter("bias", torch.empty(new[] { out_features }, dtype, device));
        reset_parameters();
    }

    public long in_features { get; }
    public long out_features { get; }
    /// <summary>[out_features, in_features].</summary>
    public Tensor weight { get; }
    /// <summary>[out_features], or null without bias.</summary>
    public Tensor? bias { get; }

    /// <summary>Draws the default initialisation again.</summary>
    public void reset_parameters()
    {
        nn.init.kaiming_uniform_(weight, a: Math.Sqrt(5));
        if (bias is not null)
        {
            double bound = 1 / Math.Sqrt(in_features);
            nn.init.uniform_(bias, -bound, bound);
        }
    }

    // [*, in] → [*, out]
    public override Tensor forward(Tensor input) => nn.functional.linear(input, weight, bias);

    protected override string extra_repr() =>
        string.Create(CultureInfo.InvariantCulture, $"in_features={in_features}, out_features={out_features}, bias={PyFormat.Bool(bias is not null)}");
}
