using TorchSharp;
using static TorchSharp.torch;

namespace GenCourse.Autoencoders;

/// <summary>Builds the layer for an <see cref="Activation"/>.</summary>
public static class ActivationExtensions
{
    /// <summary>A fresh parameter-free layer computing <paramref name="activation"/>.</summary>
    public static nn.Module<Tensor, Tensor> ToModule(this Activation activation) => activation switch
    {
        Activation.Identity => nn.Identity(),
        Activation.ReLU => nn.ReLU(),
        Activation.Sigmoid => nn.Sigmoid(),
        Activation.Tanh => nn.Tanh(),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "unknown activation"),
    };
}
