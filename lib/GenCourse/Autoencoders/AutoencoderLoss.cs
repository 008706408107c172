using TorchSharp;
using static TorchSharp.torch;

namespace GenCourse.Autoencoders;

/// <summary>
/// The objective of one batch, in parts: <see cref="Total"/> = <see cref="Reconstruction"/> +
/// weight · <see cref="Penalty"/>. Reconstruction is L_AE = (1/B) Σ_b ‖x_b − x̂_b‖² (summed over
/// pixels, averaged over the batch); Penalty is the regulariser before its weight (null for a
/// plain autoencoder). All are 0-d tensors; <see cref="Output"/> is the forward pass they came from.
/// </summary>
public sealed record AutoencoderLoss(Tensor Total, Tensor Reconstruction, Tensor? Penalty, AutoencoderOutput Output);
