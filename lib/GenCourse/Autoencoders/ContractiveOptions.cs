namespace GenCourse.Autoencoders;

/// <summary>The weight λ of the contractive penalty and how it is computed.</summary>
public sealed record ContractiveOptions
{
    /// <summary>λ, the penalty's weight against the summed squared error (default 1).</summary>
    public double Weight { get; init; } = 1.0;

    /// <summary>Closed form (one sigmoid layer; the default) or autograd (any encoder).</summary>
    public JacobianMethod Method { get; init; } = JacobianMethod.ClosedForm;

    /// <summary>Throws when a setting is out of range.</summary>
    public void Validate()
    {
        if (!(Weight >= 0) || double.IsInfinity(Weight))
            throw new ArgumentException($"the contractive weight λ must be a finite number ≥ 0 (got {Weight})");
    }
}
