using System.Globalization;

namespace GenCourse.Torch.Modules;

/// <summary>
/// Transposed 2-D convolution (PyTorch's <c>nn.ConvTranspose2d</c>), the adjoint of Conv2d,
/// used to upsample (DCGAN's generator). Weight [C_in, C_out/groups, k, k]. Output size:
/// (H − 1)·s − 2p + d(k − 1) + output_padding + 1. Default init as PyTorch: kaiming_uniform with
/// a = √5 computed on the weight's own layout, so fan_in = C_out/groups·k², bias U(−1/√fan_in, 1/√fan_in).
/// </summary>
public sealed class ConvTranspose2d : nn.Module<Tensor, Tensor>
{
    public ConvTranspose2d(long in_channels, long out_channels, long kernel_size, long stride = 1, long padding = 0,
        long output_padding = 0, long groups = 1, bool bias = true, long dilation = 1, Device? device = null, ScalarType? dtype = null)
    {
        ConvChecks.Validate("ConvTranspose2d", in_channels, out_channels, kernel_size, stride, padding, dilation, groups);
        if (output_padding < 0 || (output_padding >= stride && output_padding >= dilation))
            throw new ArgumentOutOfRangeException(nameof(output_padding), output_padding, "output_padding must be >= 0 and smaller than either stride or dilation");
        this.in_channels = in_channels;
        this.out_channels = out_channels;
        this.kernel_size = kernel_size;
        this.stride = stride;
        this.padding = padding;
        this.output_padding = output_padding;
        this.groups = groups;
        this.dilation = dilation;
        weight = RegisterParameter("weight", torch.empty(new[] { in_channels, out_channels / groups, kernel_size, kernel_size }, dtype, device));
        if (bias) this.bias = RegisterParameter("bias", torch.empty(new[] { out_channels }, dtype, device));
        reset_parameters();
    }

    public long in_channels { get; }
    public long out_channels { get; }
    public long kernel_size { get; }
    public long stride { get; }
    public long padding { get; }
    public long output_padding { get; }
    public long groups { get; }
    public long dilation { get; }
    /// <summary>[C_in, C_out/groups, k, k].</summary>
    public Tensor weight { get; }
    /// <summary>[C_out], or null without bias.</summary>
    public Tensor? bias { get; }

    /// <summary>Draws the default initialisation again.</summary>
    public void reset_parameters()
    {
        nn.init.kaiming_uniform_(weight, a: Math.Sqrt(5));
        if (bias is not null)
        {
            (long fanIn, _) = nn.init.calculate_fan_in_and_fan_out(weight);
            double bound = 1 / Math.Sqrt(fanIn);
            nn.init.uniform_(bias, -bound, bound);
        }
    }

    // [N, C_in, H, W] → [N, C_out, H', W']
    public override Tensor forward(Tensor input)
    {
        ConvChecks.Input("ConvTranspose2d", input, in_channels);
        return nn.functional.conv_transpose2d(input, weight, bias, stride, padding, output_padding, groups, dilation);
    }

    protected override string extra_repr()
    {
        var s = string.Create(CultureInfo.InvariantCulture,
            $"{in_channels}, {out_channels}, kernel_size=({kernel_size}, {kernel_size}), stride=({stride}, {stride})");
        if (padding != 0) s += string.Create(CultureInfo.InvariantCulture, $", padding=({padding}, {padding})");
        if (output_padding != 0) s += string.Create(CultureInfo.InvariantCulture, $", output_padding=({output_padding}, {output_padding})");
        if (dilation != 1) s += string.Create(CultureInfo.InvariantCulture, $", dilation=({dilation}, {dilation})");
        if (groups != 1) s += string.Create(CultureInfo.InvariantCulture, $", groups={groups}");
        if (bias is null) s += ", bias=False";
        return s;
    }
}
