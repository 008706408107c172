using GenCourse.Torch;
using GenCourse.Torch.Modules;

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
        model.apply(m =>
        {
            switch (m)
            {
                case Conv2d conv:
                    nn.init.normal_(conv.weight, 0, Std, rng);
                    break;
                case ConvTranspose2d convT:
                    nn.init.normal_(convT.weight, 0, Std, rng);
                    break;
                case BatchNorm { weight: Tensor gamma, bias: Tensor beta }:
                    nn.init.normal_(gamma, 1, Std, rng);
                    nn.init.zeros_(beta);
                    break;
            }
        });
        return model;
    }
}
