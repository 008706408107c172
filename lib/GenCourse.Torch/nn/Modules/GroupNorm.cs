using System.Globalization;

namespace GenCourse.Torch.Modules;

/// <summary>
/// Group normalisation (Wu &amp; He 2018, arXiv:1803.08494; PyTorch's <c>nn.GroupNorm</c>):
/// the C channels are split into G groups and each sample's group is normalised over
/// (C/G, H, W) with its own mean and biased variance, then scaled by γ and shifted by β per
/// channel. Independent of the batch, so the same in training and evaluation (the diffusion UNet's norm).
/// </summary>
public sealed class GroupNorm : nn.Module<Tensor, Tensor>
{
    public GroupNorm(long num_groups, long num_channels, double eps = 1e-5, bool affine = true, Device? device = null, ScalarType? dtype = null)
    {
        if (num_groups <= 0 || num_channels <= 0 || num_channels % num_groups != 0)
            throw new ArgumentException($"GroupNorm: num_channels ({num_channels}) must be a positive multiple of num_groups ({num_groups})");
        if (eps <= 0) throw new ArgumentOutOfRangeException(nameof(eps), eps, "eps must be > 0");
        this.num_groups = num_groups;
        this.num_channels = num_channels;
        this.eps = eps;
        this.affine = affine;
        if (affine)
        {
            weight = RegisterParameter("weight", torch.ones(new[] { num_channels }, dtype, device));
            bias = RegisterParameter("bias", torch.zeros(new[] { num_channels }, dtype, device));
        }
    }

    public long num_groups { get; }
    public long num_channels { get; }
    public double eps { get; }
    public bool affine { get; }
    /// <summary>γ [C] (ones at start), or null without affine.</summary>
    public Tensor? weight { get; }
    /// <summary>β [C] (zeros at start), or null without affine.</summary>
    public Tensor? bias { get; }

    public override Tensor forward(Tensor input)
    {
        long[] s = input.shape;
        if (s.Length < 2 || s[1] != num_channels)
            throw new ArgumentException($"GroupNorm was built for input [N, {num_channels}, *], got shape [{string.Join(", ", s)}]", nameof(input));
        return nn.functional.group_norm(input, num_groups, weight, bias, eps);
    }

    protected override string extra_repr() =>
        string.Create(CultureInfo.InvariantCulture, $"{num_groups}, {num_channels}, eps={PyFormat.Float(eps)}, affine={PyFormat.Bool(affine)}");
}
