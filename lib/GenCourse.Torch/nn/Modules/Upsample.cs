using System.Globalization;

namespace GenCourse.Torch.Modules;

/// <summary>
/// Resizes [N, C, H, W] to <see cref="size"/> or by <see cref="scale_factor"/> (PyTorch's
/// <c>nn.Upsample</c>); mode "nearest" or "bilinear".
/// </summary>
public sealed class Upsample : nn.Module<Tensor, Tensor>
{
    private readonly long[]? outSize;

    public Upsample(long[]? size = null, double? scale_factor = null, string mode = "nearest", bool? align_corners = null)
    {
        if ((size is null) == (scale_factor is null))
            throw new ArgumentException("Upsample needs exactly one of size and scale_factor");
        if (scale_factor is double f && f <= 0)
            throw new ArgumentOutOfRangeException(nameof(scale_factor), f, "scale_factor must be > 0");
        if (mode is not ("nearest" or "bilinear"))
            throw new ArgumentException($"Upsample mode '{mode}' is not supported; use \"nearest\" or \"bilinear\"", nameof(mode));
        if (mode == "nearest" && align_corners is not null)
            throw new ArgumentException("align_corners only applies to mode \"bilinear\"", nameof(align_corners));
        outSize = size is null ? null : (long[])size.Clone();
        this.scale_factor = scale_factor;
        this.mode = mode;
        this.align_corners = align_corners;
    }

    public IReadOnlyList<long>? size => outSize;
    public double? scale_factor { get; }
    public string mode { get; }
    public bool? align_corners { get; }

    public override Tensor forward(Tensor input) =>
        nn.functional.interpolate(input, outSize, scale_factor, mode, align_corners);

    protected override string extra_repr() => scale_factor is double f
        ? string.Create(CultureInfo.InvariantCulture, $"scale_factor={PyFormat.Float(f)}, mode={mode}")
        : $"size={PyFormat.Tuple(outSize!)}, mode={mode}";
}
