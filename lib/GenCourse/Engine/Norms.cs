using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GenCourse.Engine;

/// <summary>
/// Normalisation layers built as PyTorch builds them.
/// <para>
/// TorchSharp 0.107.0's <c>nn.GroupNorm</c> leaves its affine weight and bias uninitialised
/// (values from −4e27 to 6e16 were seen), where PyTorch sets γ = 1 and β = 0
/// (<c>GroupNorm.reset_parameters</c>). <see cref="GroupNorm"/> applies PyTorch's initialisation.
/// <c>nn.functional.group_norm</c> is unaffected.
/// </para>
/// </summary>
public static class Norms
{
    /// <summary>
    /// Group normalisation (Wu and He 2018, arXiv:1803.08494): y = (x − μ_g)/√(σ²_g + ε)·γ + β over
    /// the channels of each of <paramref name="groups"/> groups; γ = 1, β = 0 as in PyTorch.
    /// </summary>
    public static GroupNorm GroupNorm(long groups, long channels, double eps = 1e-5, bool affine = true, Device? device = null)
    {
        if (groups < 1 || channels % groups != 0)
            throw new ArgumentException($"GroupNorm needs channels ({channels}) divisible by groups ({groups}), with groups ≥ 1");
        GroupNorm norm = nn.GroupNorm(groups, channels, eps, affine, device: device);
        if (affine)
        {
            using var noGrad = torch.no_grad();
            norm.weight!.fill_(1.0);
            norm.bias!.zero_();
        }
        return norm;
    }
}
