using TorchSharp;
using static TorchSharp.torch;

namespace GenCourse.Autoencoders;

/// <summary>
/// The contractive penalty (Rifai, Vincent, Muller, Glorot and Bengio, "Contractive
/// Auto-Encoders: Explicit Invariance During Feature Extraction", ICML 2011): the squared
/// Frobenius norm of the encoder's Jacobian at each input,
/// <code>
///   ‖J_f(x)‖²_F = Σ_ij (∂h_j(x)/∂x_i)²
/// </code>
/// Small when the code barely moves as x moves, so the encoder keeps only the directions the
/// reconstruction term needs (those along the data) and flattens the rest.
/// For a sigmoid layer h = σ(Wx + b) the Jacobian is diag(h ⊙ (1 − h))·W, so (eq. 5 of the paper)
/// <code>
///   ‖J_f(x)‖²_F = Σ_j (h_j(1 − h_j))² Σ_i W_ji²
/// </code>
/// For any other encoder it is computed exactly with autograd: one backward pass per code unit
/// gives row j of J, ∇_x h_j. Both return one value per sample, [B]; the penalty is their mean.
/// </summary>
public static class ContractivePenalty
{
    /// <summary>
    /// ‖J‖²_F of the sigmoid layer h = σ(Wx + b) at each sample: Σ_j (h_j(1 − h_j))² Σ_i W_ji²,
    /// from the codes <paramref name="h"/> [B, k] and the weight <paramref name="weight"/> W [k, D], [B].
    /// </summary>
    public static Tensor ClosedForm(Tensor h, Tensor weight)
    {
        ArgumentNullException.ThrowIfNull(h);
        ArgumentNullException.ThrowIfNull(weight);
        if (h.dim() != 2 || weight.dim() != 2 || weight.size(0) != h.size(1))
            throw new ArgumentException($"ClosedForm needs codes h [B, k] and the layer's weight W [k, D]; got h [{string.Join(", ", h.shape)}] and W [{string.Join(", ", weight.shape)}]");
        Tensor slope = h * (1 - h);                    // σ'(a_j) = h_j(1 − h_j)      [B, k]
        Tensor rowNorms = weight.square().sum(1);      // Σ_i W_ji²                    [k]
        return (slope.square() * rowNorms).sum(1);     // Σ_j (h_j(1 − h_j))² Σ_i W_ji²  [B]
    }

    /// <summary>
    /// The singular values of the sigmoid layer's Jacobian J = diag(s)·W, s = h ⊙ (1 − h), at each
    /// sample, largest first, [B, k]. They come from the k×k matrix J Jᵀ = (s sᵀ) ⊙ (W Wᵀ), whose
    /// eigenvalues are σ_j², so no D×D work is needed. Σ_j σ_j² = ‖J‖²_F. A contractive encoder has a
    /// few large values (the directions along the data it keeps) and many near zero (Rifai et al., §5.3).
    /// </summary>
    public static Tensor SigmoidJacobianSingularValues(Tensor h, Tensor weight)
    {
        ArgumentNullException.ThrowIfNull(h);
        ArgumentNullException.ThrowIfNull(weight);
        if (h.dim() != 2 || weight.dim() != 2 || weight.size(0) != h.size(1))
            throw new ArgumentException($"SigmoidJacobianSingularValues needs codes h [B, k] and the layer's weight W [k, D]; got h [{string.Join(", ", h.shape)}] and W [{string.Join(", ", weight.shape)}]");
        using (torch.NewDisposeScope())
        using (torch.no_grad())
        {
            Tensor s = (h * (1 - h)).to(ScalarType.Float64);                    // [B, k]
            Tensor w = weight.to(ScalarType.Float64);
            Tensor gram = torch.mm(w, w.t());                                    // W Wᵀ  [k, k]
            Tensor jjT = s.unsqueeze(2) * s.unsqueeze(1) * gram;                 // (s sᵀ) ⊙ W Wᵀ  [B, k, k]
            (Tensor sigmaSquared, _) = torch.linalg.eigh(jjT);                   // ascending
            return sigmaSquared.clamp(0.0, null).sqrt().flip(1).to(h.dtype).MoveToOuterDisposeScope();
        }
    }

    /// <summary>
    /// ‖J‖²_F at each sample, exactly, for codes <paramref name="h"/> [B, k] computed from
    /// <paramref name="x"/> [B, …] (which must require grad). Row j of each sample's Jacobian is
    /// ∇_x h_j, one backward pass per unit; summing h_j over the batch before differentiating gives
    /// all samples' rows at once because each sample's code depends only on its own input (true
    /// for these encoders; not for batch normalisation in training mode). With
    /// <paramref name="createGraph"/> the result can itself be differentiated (to train on it). [B]
    /// </summary>
    public static Tensor FromGraph(Tensor h, Tensor x, bool createGraph)
    {
        ArgumentNullException.ThrowIfNull(h);
        ArgumentNullException.ThrowIfNull(x);
        if (h.dim() != 2 || h.size(0) != x.size(0))
            throw new ArgumentException($"FromGraph needs codes h [B, k] computed from inputs x [B, …]; got h [{string.Join(", ", h.shape)}] and x [{string.Join(", ", x.shape)}]");
        if (!x.requires_grad)
            throw new ArgumentException("x must require grad, and h must have been computed from it: use x = input.detach().requires_grad_() before encoding, or call Autograd(encoder, input)", nameof(x));
        Tensor? total = null;
        for (long j = 0; j < h.size(1); ++j)
        {
            // ∇_x Σ_b h_bj = (∂h_bj/∂x_b)_b, row j of every sample's Jacobian   [B, …]
            Tensor row = Engine.Autograd.Grad(h[.., j].sum(), x, createGraph, retainGraph: true);
            Tensor squares = row.square().flatten(1).sum(1);   // Σ_i (∂h_j/∂x_i)²   [B]
            total = total is null ? squares : total + squares;
        }
        return total!;
    }

    /// <summary>
    /// ‖J‖²_F of <paramref name="encoder"/> at each row of <paramref name="x"/>, exactly, [B]; x is
    /// not changed (a detached copy requiring grad is differentiated). Without
    /// <paramref name="createGraph"/> the result carries no graph back to the encoder's weights.
    /// </summary>
    public static Tensor Autograd(Func<Tensor, Tensor> encoder, Tensor x, bool createGraph = false)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(x);
        using var grad = torch.enable_grad();
        Tensor input = x.detach().requires_grad_();
        Tensor h = encoder(input);
        Tensor norms = FromGraph(h, input, createGraph);
        return createGraph ? norms : norms.detach();
    }
}
