using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GenCourse.Gan;

/// <summary>
/// The DCGAN initialisation (Radford, Metz and Chintala 2015, arXiv:1511.06434, §4: "All weights
/// were initialized from a zero-centered Normal distribution with standard deviation 0.02"), as
/// the PyTorch DCGAN tutorial's <c>weights_init</c> applies it with <c>model.apply(weights_init)</c>:
/// <code>
/// Conv2d, ConvTranspose2d:  W ~ N(0, 0.02²)
/// BatchNorm:                γ ~ N(1, 0.02²),  β = 0
/// </code>
/// Modules are visited in <c>apply</c>'s order (children before their parent, in registration
/// order), so the draws come from the random stream in the same order as in PyTorch and a seeded
/// run reproduces PyTorch's weights. Convolution biases (DCGAN has none) are left as they are.
/// </summary>
public static class DcganInit
{
    /// <summary>σ of the weights' normal distribution.</summary>
    public const double Std = 0.02;

    /// <summary>
    /// Re-draws every convolution and BatchNorm weight of <paramref name="model"/> in place from
    /// <paramref name="rng"/> (on the parameters' device; the global generator if null). Returns the model.
    /// </summary>
    public static T Apply<T>(T model, Generator? rng = null) where T : nn.Module
    {
        ArgumentNullException.ThrowIfNull(model);
        // Tensor.normal_ under no_grad, not nn.init.normal_: TorchSharp 0.107.0's nn.init.normal_
        // accepts a generator and ignores it (it draws from the global one).
        using var noGrad = torch.no_grad();
        model.apply(m =>
        {
            switch (m)
            {
                case Conv2d conv:
                    conv.weight.normal_(0, Std, rng);
                    break;
                case ConvTranspose2d convT:
                    convT.weight.normal_(0, Std, rng);
                    break;
                case BatchNorm { weight: Tensor gamma, bias: Tensor beta }:
                    gamma.normal_(1, Std, rng);
                    beta.zero_();
                    break;
            }
        });
        return model;
    }
}
