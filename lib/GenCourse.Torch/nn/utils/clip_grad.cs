namespace GenCourse.Torch;

public static partial class nn
{
    /// <summary>PyTorch's <c>torch.nn.utils</c>: gradient clipping.</summary>
    public static partial class utils
    {
        /// <summary>
        /// Rescales the gradients of <paramref name="parameters"/> together so that their total
        /// norm is at most <paramref name="max_norm"/>:
        /// ‖g‖ = (Σ_i ‖g_i‖_p^p)^(1/p) over all gradients (max_i ‖g_i‖_∞ for p = ∞), and every
        /// g_i ← g_i·min(1, max_norm/(‖g‖ + 10⁻⁶)). Returns the total norm before clipping (a 0-d
        /// tensor, as PyTorch; call <c>.item&lt;float&gt;()</c> to log it). Parameters without a
        /// gradient are skipped.
        /// </summary>
        public static Tensor clip_grad_norm_(IEnumerable<Tensor> parameters, double max_norm, double norm_type = 2, bool error_if_nonfinite = false)
        {
            ArgumentNullException.ThrowIfNull(parameters);
            if (max_norm < 0 || double.IsNaN(max_norm)) throw new ArgumentOutOfRangeException(nameof(max_norm), max_norm, "max_norm must be >= 0");
            if (!(norm_type > 0)) throw new ArgumentOutOfRangeException(nameof(norm_type), norm_type, "norm_type must be > 0 (or double.PositiveInfinity)");
            Tensor total;
            using (DisposeScope scope = torch.NewDisposeScope())
            using (torch.no_grad())
            {
                var grads = new List<Tensor>();
                foreach (Tensor p in parameters)
                    if (p.grad is Tensor g) grads.Add(g);
                if (grads.Count == 0)
                    return torch.tensor(0.0).MoveToOuterDisposeScope();
                Device device = grads[0].device;
                Tensor[] norms = grads.Select(g => g.norm(norm_type).to(device)).ToArray();
                Tensor stacked = torch.stack(norms);
                total = double.IsPositiveInfinity(norm_type) ? stacked.max() : stacked.norm(norm_type);
                if (error_if_nonfinite)
                {
                    double value = total.item<double>();
                    if (!double.IsFinite(value))
                        throw new InvalidOperationException($"the total norm of order {norm_type} of the gradients is {value}, so they cannot be clipped; check the loss for nan/inf, or pass error_if_nonfinite: false");
                }
                // coefficient = min(1, max_norm/(‖g‖ + 1e-6)), kept on the device (no sync)
                Tensor coefficient = (max_norm / (total + 1e-6)).clamp(max: 1.0);
                foreach (Tensor g in grads) g.mul_(coefficient.to(g.device));
                total.MoveToOuterDisposeScope();
            }
            return total;
        }

        /// <summary>Clamps every gradient element to [−clip_value, clip_value].</summary>
        public static void clip_grad_value_(IEnumerable<Tensor> parameters, double clip_value)
        {
            ArgumentNullException.ThrowIfNull(parameters);
            if (!(clip_value >= 0)) throw new ArgumentOutOfRangeException(nameof(clip_value), clip_value, "clip_value must be >= 0");
            using DisposeScope scope = torch.NewDisposeScope();
            using GradModeScope noGrad = torch.no_grad();
            foreach (Tensor p in parameters)
                p.grad?.clamp_(-clip_value, clip_value);
        }
    }
}
