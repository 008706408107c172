using System.Globalization;
using System.Text;

namespace GenCourse.Torch.Tests;

/// <summary>
/// A finite-difference gradient check in float64, in the spirit of <c>torch.autograd.gradcheck</c>.
///
/// For f: (x₁, …, x_k) → y, the scalar s(x) = ⟨v, f(x)⟩ with a fixed random v (v = 1 when y has one
/// element) has ∂s/∂x = vᵀJ, the vector-Jacobian product autograd computes. Each element x_i of each
/// input is perturbed in turn and the central difference
///     ∂s/∂x_i ≈ (s(x + h·e_i) − s(x − h·e_i)) / (2h)            (truncation error O(h²))
/// is compared with autograd's value: |analytic − numeric| ≤ atol + rtol·|numeric|.
/// With h = 1e-6 in float64 the round-off is ≈ 1e-16·|s|/h ≈ 1e-10·|s|, far below atol = 1e-5.
///
/// Every input must be a float64 tensor that requires grad (anything else f needs, such as
/// integer targets, belongs in its closure). The perturbation is applied in place, under no_grad,
/// to detached copies of the inputs that also require grad, so f may itself differentiate
/// (a gradient penalty inside f is checked like any other function).
/// </summary>
internal static class GradCheck
{
    internal const double DefaultEps = 1e-6;
    internal const double DefaultAtol = 1e-5;
    internal const double DefaultRtol = 1e-4;

    /// <summary>One element whose analytic and numeric derivatives disagree.</summary>
    internal sealed record Mismatch(int Input, long[] Index, double Analytic, double Numeric);

    /// <summary>The outcome of a check: how many derivatives were compared and which disagreed.</summary>
    internal sealed record Report(long Checked, double MaxAbsError, IReadOnlyList<Mismatch> Mismatches, double Atol, double Rtol)
    {
        public bool Passed => Mismatches.Count == 0;

        public string Describe()
        {
            var sb = new StringBuilder();
            sb.Append(CultureInfo.InvariantCulture,
                $"gradcheck: {Mismatches.Count} of {Checked} derivatives differ (atol {Atol:G3}, rtol {Rtol:G3}; max |analytic − numeric| {MaxAbsError:G4})");
            foreach (Mismatch m in Mismatches.Take(8))
                sb.Append(CultureInfo.InvariantCulture,
                    $"\n  input {m.Input} [{string.Join(", ", m.Index)}]: analytic {m.Analytic:G10}, numeric {m.Numeric:G10}");
            if (Mismatches.Count > 8) sb.Append(CultureInfo.InvariantCulture, $"\n  … and {Mismatches.Count - 8} more");
            return sb.ToString();
        }
    }

    /// <summary>Fails the test, naming the worst elements, unless f's gradients match finite differences.</summary>
    internal static void Assert(Func<Tensor[], Tensor> f, params Tensor[] inputs) => Assert(f, inputs, DefaultAtol, DefaultRtol);

    internal static void Assert(Func<Tensor[], Tensor> f, Tensor[] inputs, double atol, double rtol, double eps = DefaultEps)
    {
        Report report = Run(f, inputs, eps, atol, rtol);
        if (!report.Passed) Xunit.Assert.Fail(report.Describe());
    }

    /// <summary>Compares autograd's gradient of ⟨v, f(inputs)⟩ with central differences.</summary>
    internal static Report Run(Func<Tensor[], Tensor> f, Tensor[] inputs,
        double eps = DefaultEps, double atol = DefaultAtol, double rtol = DefaultRtol, ulong seed = 12345)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Length == 0) throw new ArgumentException("gradcheck needs at least one input", nameof(inputs));
        for (int k = 0; k < inputs.Length; ++k)
        {
            if (inputs[k].dtype != ScalarType.Float64)
                throw new ArgumentException($"input {k} is {inputs[k].dtype}; gradcheck needs float64 inputs (float32 round-off swamps the differences)", nameof(inputs));
            if (!inputs[k].requires_grad)
                throw new ArgumentException($"input {k} does not require grad; pass non-differentiable arguments through f's closure", nameof(inputs));
        }

        using var scope = torch.NewDisposeScope();

        // Analytic: vᵀJ for every input, by one reverse pass.
        Tensor y = f(inputs);
        if (y.dtype != ScalarType.Float64)
            throw new ArgumentException($"f returned {y.dtype}; gradcheck needs a float64 result");
        Tensor v;
        using (var g = new Generator(seed))
            v = y.numel() == 1 ? torch.ones_like(y) : torch.randn(y.shape, ScalarType.Float64, generator: g);
        Tensor s = (y * v).sum();
        // A result that does not depend on any input (f constant, e.g. the derivative of a linear
        // map) records no graph: every analytic derivative is 0.
        Tensor?[] analytic = s.requires_grad
            ? torch.autograd.grad(new[] { s }, inputs, allow_unused: true)
            : new Tensor?[inputs.Length];

        // Numeric: central differences on probes that share nothing with the inputs.
        var probes = new Tensor[inputs.Length];
        using (torch.no_grad())
        {
            for (int k = 0; k < inputs.Length; ++k)
                probes[k] = inputs[k].detach().clone().requires_grad_();
        }

        double Evaluate()
        {
            using var step = torch.NewDisposeScope();
            Tensor yk = f(probes);
            return (yk * v).sum().item<double>();
        }

        var mismatches = new List<Mismatch>();
        long count = 0;
        double maxError = 0;
        for (int k = 0; k < inputs.Length; ++k)
        {
            double[] x0 = inputs[k].detach().ToArray<double>();
            double[] a = analytic[k]?.ToArray<double>() ?? new double[x0.Length];
            long[] shape = inputs[k].shape;
            Tensor flat;
            using (torch.no_grad()) flat = probes[k].view(-1);
            for (int i = 0; i < x0.Length; ++i)
            {
                double plus = x0[i] + eps, minus = x0[i] - eps;
                Tensor element;
                using (torch.no_grad())
                {
                    element = flat[i];
                    element.fill_(plus);
                }
                double sPlus = Evaluate();
                using (torch.no_grad()) element.fill_(minus);
                double sMinus = Evaluate();
                using (torch.no_grad()) element.fill_(x0[i]);

                // Divide by the step actually taken (plus − minus as rounded), not by 2·eps.
                double numeric = (sPlus - sMinus) / (plus - minus);
                double error = Math.Abs(a[i] - numeric);
                maxError = Math.Max(maxError, double.IsNaN(error) ? double.PositiveInfinity : error);
                if (!(error <= atol + rtol * Math.Abs(numeric)))
                    mismatches.Add(new Mismatch(k, Unravel(i, shape), a[i], numeric));
                count++;
            }
        }
        return new Report(count, maxError, mismatches, atol, rtol);
    }

    /// <summary>Single-input convenience.</summary>
    internal static void Assert(Func<Tensor, Tensor> f, Tensor input) => Assert(xs => f(xs[0]), new[] { input });

    private static long[] Unravel(long flat, long[] shape)
    {
        var index = new long[shape.Length];
        for (int d = shape.Length - 1; d >= 0; --d)
        {
            index[d] = flat % shape[d];
            flat /= shape[d];
        }
        return index;
    }
}
