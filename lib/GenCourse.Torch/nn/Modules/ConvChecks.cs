namespace GenCourse.Torch.Modules;

/// <summary>Argument checks shared by the convolution layers, with messages that say what to change.</summary>
internal static class ConvChecks
{
    internal static void Validate(string layer, long inChannels, long outChannels, long kernel, long stride, long padding, long dilation, long groups)
    {
        if (inChannels <= 0 || outChannels <= 0)
            throw new ArgumentOutOfRangeException(nameof(inChannels), $"{layer} needs in_channels and out_channels >= 1, got {inChannels} and {outChannels}");
        if (kernel <= 0) throw new ArgumentOutOfRangeException(nameof(kernel), kernel, $"{layer} needs kernel_size >= 1");
        if (stride <= 0) throw new ArgumentOutOfRangeException(nameof(stride), stride, $"{layer} needs stride >= 1");
        if (padding < 0) throw new ArgumentOutOfRangeException(nameof(padding), padding, $"{layer} needs padding >= 0");
        if (dilation <= 0) throw new ArgumentOutOfRangeException(nameof(dilation), dilation, $"{layer} needs dilation >= 1");
        if (groups <= 0 || inChannels % groups != 0 || outChannels % groups != 0)
            throw new ArgumentException($"{layer}: in_channels ({inChannels}) and out_channels ({outChannels}) must both be divisible by groups ({groups})");
    }

    internal static void Input(string layer, Tensor input, long inChannels)
    {
        long[] s = input.shape;
        if (s.Length is not (3 or 4))
            throw new ArgumentException($"{layer} expects input [N, C, H, W] (or [C, H, W]), got shape [{string.Join(", ", s)}]", nameof(input));
        long c = s[^3];
        if (c != inChannels)
            throw new ArgumentException($"{layer} was built for {inChannels} input channels but the input has {c} (shape [{string.Join(", ", s)}])", nameof(input));
    }
}
