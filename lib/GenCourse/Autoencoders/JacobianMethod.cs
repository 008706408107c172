namespace GenCourse.Autoencoders;

/// <summary>How a <see cref="ContractiveAutoencoder"/> computes ‖J_f(x)‖²_F (see <see cref="ContractivePenalty"/>).</summary>
public enum JacobianMethod
{
    /// <summary>Σ_j (h_j(1 − h_j))² Σ_i W_ji², for a one-layer sigmoid encoder; one pass, cheap.</summary>
    ClosedForm,
    /// <summary>Exact rows ∇_x h_j by autograd, for any encoder; k backward passes per step.</summary>
    Autograd,
}
