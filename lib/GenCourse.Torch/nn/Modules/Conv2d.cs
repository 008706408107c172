using System.Globalization;

namespace GenCourse.Torch.Modules;

/// <summary>
/// 2-D convolution (PyTorch's <c>nn.Conv2d</c>) of [N, C_in, H, W] with a square kernel;
/// weight [C_out, C_in/groups, k, k]. Output size: ⌊(H + 2p − d(k − 1) − 1)/s⌋ + 1.
/// Default init as PyTorch: kaiming_uniform with a = √5, i.e. U(−1/√fan_in, 1/√fan_in)
/// with fan_in = C_in/groups·k², and the bias from the same range.
/// padding_mode is "zeros", "reflect", "replicate" or "circular".
/// </summary>
public sealed class Conv2d : nn.Module<Tensor, Tensor>
{
    public Conv2d(long in_channels, long out_channels, long kernel_size, long stride = 1, long padding = 0, long dilation = 1,
        long groups = 1, bool bias = true, string padding_mode = "zeros", Device? device = null, ScalarType? dtype = null)
    {
        ConvChecks.Validate("Conv2d", in_channels, out_channels, kernel_size, stride, padding, dilation, groups);
        if (padding_mode is not ("zeros" or "reflect" or "replicate" or "circular"))
            throw new ArgumentException($"padding_mode '{padding_mode}' is not supported; use \"zeros\", \"reflect\", \"replicate\" or \"circular\"", nameof(padding_mode));
        this.in_channels = in_channels;
        this.out_channels = out_channels;
        this.kernel_size = kernel_size;
        this.stride = stride;
        this.padding = padding;
        this.dilation = dilation;
        this.groups = groups;
        this.padding_mode = padding_mode;
        weight = RegisterParameter("weight", torch.empty(new[] { out_channels, in_channels / groups, kernel_size, kernel_size }, dtype, device));
        if (bias) this.bias = RegisterParameter("bias", torch.empty(new[] { out_channels }, dtype, device));
        reset_parameters();
    }

    public long in_channels { get; }
    public long out_channels { get; }
    public long kernel_size { get; }
    public long stride { get; }
    public long padding { get; }
    public long dilation { get; }
    public long groups { get; }
    public string padding_mode { get; }
    /// <summary>[C_out, C_in/groups, k, k].</summary>
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
        ConvChecks.Input("Conv2d", input, in_channels);
        if (padding_mode == "zeros" || padding == 0)
            return nn.functional.conv2d(input, weight, bias, stride, padding, dilation, groups);
        using Tensor padded = nn.functional.pad(input, new[] { padding, padding, padding, padding }, padding_mode);
        return nn.functional.conv2d(padded, weight, bias, stride, 0, dilation, groups);
    }

    protected override string extra_repr()
    {
        var s = string.Create(CultureInfo.InvariantCulture,
            $"{in_channels}, {out_channels}, kernel_size=({kernel_size}, {kernel_size}), stride=({stride}, {stride})");
        if (padding != 0) s += string.Create(CultureInfo.InvariantCulture, $", padding=({padding}, {padding})");
        if (dilation != 1) s += string.Create(CultureInfo.InvariantCulture, $", dilation=({dilation}, {dilation})");
        if (groups != 1) s += string.Create(CultureInfo.InvariantCulture, $", groups={groups}");
        if (bias is null) s += ", bias=False";
        if (padding_mode != "zeros") s += $", padding_mode={padding_mode}";
        return s;
    }
}
