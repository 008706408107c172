using System.Globalization;

namespace GenCourse.Torch;

public static partial class optim
{
    /// <summary>
    /// PyTorch's <c>torch.optim.lr_scheduler</c>, in closed form (t = steps taken, η₀ = base lr):
    /// <code>
    /// StepLR             η₀·γ^⌊t/step_size⌋
    /// MultiStepLR        η₀·γ^(number of milestones ≤ t)
    /// ExponentialLR      η₀·γ^t
    /// CosineAnnealingLR  η_min + (η₀ − η_min)·(1 + cos(π·t/T_max))/2       (Loshchilov &amp; Hutter 2016, SGDR)
    /// LinearLR           η₀·(s + (e − s)·min(t, T)/T)                      (linear warm-up from s·η₀ to e·η₀)
    /// LambdaLR           η₀·λ(t)
    /// SequentialLR       schedule k from milestone k − 1 on, with t counted from that milestone
    /// </code>
    /// Warm-up then cosine decay:
    /// <c>SequentialLR(opt, [LinearLR(opt, 0.01, 1, 500), CosineAnnealingLR(opt, 9500)], [500])</c>.
    /// </summary>
    public static partial class lr_scheduler
    {
        /// <summary>Multiplies the learning rate by <paramref name="gamma"/> every <paramref name="step_size"/> steps.</summary>
        public static LRScheduler StepLR(Optimizer optimizer, long step_size, double gamma = 0.1)
        {
            if (step_size < 1) throw new ArgumentOutOfRangeException(nameof(step_size), step_size, "step_size must be >= 1");
            return new(optimizer, Name($"StepLR(step_size={step_size}, gamma={gamma})"),
                (t, lr0) => lr0 * Math.Pow(gamma, Math.Floor((double)t / step_size)));
        }

        /// <summary>Multiplies the learning rate by <paramref name="gamma"/> at each milestone step.</summary>
        public static LRScheduler MultiStepLR(Optimizer optimizer, long[] milestones, double gamma = 0.1)
        {
            ArgumentNullException.ThrowIfNull(milestones);
            long[] sorted = milestones.Order().ToArray();
            return new(optimizer, Name($"MultiStepLR(milestones=[{string.Join(", ", sorted)}], gamma={gamma})"),
                (t, lr0) => lr0 * Math.Pow(gamma, sorted.Count(m => m <= t)));
        }

        /// <summary>Multiplies the learning rate by <paramref name="gamma"/> every step.</summary>
        public static LRScheduler ExponentialLR(Optimizer optimizer, double gamma) =>
            new(optimizer, Name($"ExponentialLR(gamma={gamma})"), (t, lr0) => lr0 * Math.Pow(gamma, t));

        /// <summary>Cosine decay from the base rate to <paramref name="eta_min"/> over <paramref name="T_max"/> steps.</summary>
        public static LRScheduler CosineAnnealingLR(Optimizer optimizer, long T_max, double eta_min = 0)
        {
            if (T_max < 1) throw new ArgumentOutOfRangeException(nameof(T_max), T_max, "T_max must be >= 1");
            return new(optimizer, Name($"CosineAnnealingLR(T_max={T_max}, eta_min={eta_min})"),
                (t, lr0) => eta_min + (lr0 - eta_min) * (1 + Math.Cos(Math.PI * t / T_max)) / 2);
        }

        /// <summary>
        /// Scales the base rate linearly from <paramref name="start_factor"/> to
        /// <paramref name="end_factor"/> over <paramref name="total_iters"/> steps, then holds it
        /// (a linear warm-up with the defaults' shape; PyTorch's defaults are 1/3, 1, 5).
        /// </summary>
        public static LRScheduler LinearLR(Optimizer optimizer, double start_factor = 1.0 / 3, double end_factor = 1.0, long total_iters = 5)
        {
            if (!(start_factor > 0 && start_factor <= 1)) throw new ArgumentOutOfRangeException(nameof(start_factor), start_factor, "start_factor must be in (0, 1]");
            if (!(end_factor >= 0 && end_factor <= 1)) throw new ArgumentOutOfRangeException(nameof(end_factor), end_factor, "end_factor must be in [0, 1]");
            if (total_iters < 1) throw new ArgumentOutOfRangeException(nameof(total_iters), total_iters, "total_iters must be >= 1");
            return new(optimizer, Name($"LinearLR(start_factor={start_factor}, end_factor={end_factor}, total_iters={total_iters})"),
                (t, lr0) => lr0 * (start_factor + (end_factor - start_factor) * Math.Min(t, total_iters) / total_iters));
        }

        /// <summary>The base rate times <paramref name="lr_lambda"/>(t), for any other schedule.</summary>
        public static LRScheduler LambdaLR(Optimizer optimizer, Func<long, double> lr_lambda)
        {
            ArgumentNullException.ThrowIfNull(lr_lambda);
            return new(optimizer, "LambdaLR", (t, lr0) => lr0 * lr_lambda(t));
        }

        /// <summary>
        /// Runs <paramref name="schedulers"/>[0] until <paramref name="milestones"/>[0], then
        /// schedulers[1] restarted at t = 0, and so on (schedulers.Length = milestones.Length + 1).
        /// </summary>
        public static LRScheduler SequentialLR(Optimizer optimizer, LRScheduler[] schedulers, long[] milestones)
        {
            ArgumentNullException.ThrowIfNull(schedulers);
            ArgumentNullException.ThrowIfNull(milestones);
            if (schedulers.Length == 0 || milestones.Length != schedulers.Length - 1)
                throw new ArgumentException($"SequentialLR needs one milestone fewer than schedulers, got {schedulers.Length} scheduler(s) and {milestones.Length} milestone(s)");
            if (schedulers.Any(s => !ReferenceEquals(s.optimizer, optimizer)))
                throw new ArgumentException("every scheduler in SequentialLR must drive the same optimizer");
            for (int k = 1; k < milestones.Length; ++k)
                if (milestones[k] <= milestones[k - 1]) throw new ArgumentException("SequentialLR milestones must increase", nameof(milestones));
            long[] ms = (long[])milestones.Clone();
            LRScheduler[] parts = (LRScheduler[])schedulers.Clone();
            return new(optimizer, $"SequentialLR([{string.Join(", ", parts.Select(p => p.name))}], milestones=[{string.Join(", ", ms)}])",
                (t, lr0) =>
                {
                    int k = ms.Count(m => m <= t);                      // schedulers already finished
                    long start = k == 0 ? 0 : ms[k - 1];
                    return parts[k].lr_at(t - start, lr0);
                });
        }

        private static string Name(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
    }
}
