namespace GenCourse.Torch.Tests.Optim;

/// <summary>Small problems shared by the optimizer tests.</summary>
internal static class OptimTestUtil
{
    /// <summary>A float64 leaf parameter with the given values.</summary>
    public static Tensor Param(params double[] values) => torch.tensor(values, requires_grad: true);

    /// <summary>Sets <c>p.grad</c> to the given values (as if backward had produced them).</summary>
    public static void SetGrad(Tensor p, params double[] values)
    {
        using Tensor g = torch.tensor(values);
        p.grad = g;
    }

    // f(θ) = ½ Σ a_i (θ_i − c_i)², minimum at θ = c; with L2 decay λ the minimum of f + ½λ‖θ‖² is a·c/(a + λ).
    public static readonly double[] A = { 1, 10 };
    public static readonly double[] C = { 3, -1 };

    /// <summary>Runs <paramref name="steps"/> optimizer steps on the quadratic; returns θ.</summary>
    public static double[] Minimise(Tensor theta, optim.Optimizer opt, int steps)
    {
        using Tensor a = torch.tensor(A);
        using Tensor c = torch.tensor(C);
        for (int k = 0; k < steps; ++k)
        {
            using DisposeScope scope = torch.NewDisposeScope();
            opt.zero_grad();
            Tensor loss = 0.5 * (a * (theta - c).square()).sum();
            loss.backward();
            opt.step();
        }
        return theta.ToArray<double>();
    }
}
