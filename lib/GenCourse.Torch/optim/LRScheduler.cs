using System.Globalization;

namespace GenCourse.Torch;

public static partial class optim
{
    public static partial class lr_scheduler
    {
        /// <summary>
        /// Sets each parameter group's learning rate from a closed-form schedule lr(t, base_lr),
        /// t = the number of <see cref="step"/> calls (PyTorch's <c>last_epoch</c>), base_lr = the
        /// group's <c>initial_lr</c>. Made by the factories of <see cref="lr_scheduler"/>; as in
        /// PyTorch, creating one applies lr(0) and each <see cref="step"/> (after
        /// <c>optimizer.step()</c>) advances t by one.
        /// </summary>
        public sealed class LRScheduler
        {
            private readonly Func<long, double, double> schedule;
            private double[] baseLrs;
            private double[] lastLrs;

            internal LRScheduler(Optimizer optimizer, string name, Func<long, double, double> schedule)
            {
                ArgumentNullException.ThrowIfNull(optimizer);
                this.optimizer = optimizer;
                this.name = name;
                this.schedule = schedule;
                foreach (ParamGroup g in optimizer.param_groups) g.initial_lr ??= g.lr;
                baseLrs = optimizer.param_groups.Select(g => g.initial_lr!.Value).ToArray();
                lastLrs = new double[baseLrs.Length];
                last_epoch = -1;
                step();
            }

            /// <summary>The optimizer whose learning rates this sets.</summary>
            public Optimizer optimizer { get; }

            /// <summary>The schedule's name, e.g. <c>CosineAnnealingLR(T_max=100, eta_min=0)</c>.</summary>
            public string name { get; }

            /// <summary>Steps taken (0 right after construction, as PyTorch).</summary>
            public long last_epoch { get; private set; }

            /// <summary>The starting learning rate of each group.</summary>
            public IReadOnlyList<double> base_lrs => baseLrs;

            /// <summary>The learning rate of schedule step <paramref name="epoch"/> for a group starting at <paramref name="base_lr"/>.</summary>
            public double lr_at(long epoch, double base_lr) => schedule(epoch, base_lr);

            /// <summary>Advances the schedule by one step and sets every group's learning rate.</summary>
            public void step()
            {
                last_epoch++;
                Apply();
            }

            /// <summary>The learning rates set by the last step.</summary>
            public IReadOnlyList<double> get_last_lr() => lastLrs;

            private void Apply()
            {
                IReadOnlyList<ParamGroup> groups = optimizer.param_groups;
                for (int g = 0; g < groups.Count; ++g)
                {
                    double lr = schedule(last_epoch, baseLrs[g]);
                    groups[g].lr = lr;
                    lastLrs[g] = lr;
                }
            }

            /// <summary><c>last_epoch</c> (int64) and <c>base_lrs</c> (float64 [groups]), for resuming.</summary>
            public StateDict state_dict()
            {
                var sd = new StateDict();
                sd.Add("last_epoch", torch.tensor(new[] { last_epoch }).DisposeAfter(t => t.reshape()));
                sd.Add("base_lrs", torch.tensor(baseLrs));
                return sd;
            }

            /// <summary>Restores the step count and base rates, and sets the learning rates for that step.</summary>
            public void load_state_dict(IReadOnlyDictionary<string, Tensor> state_dict)
            {
                ArgumentNullException.ThrowIfNull(state_dict);
                if (!state_dict.TryGetValue("last_epoch", out Tensor? epoch) || !state_dict.TryGetValue("base_lrs", out Tensor? bases))
                    throw new ArgumentException("a scheduler state dict needs the keys \"last_epoch\" and \"base_lrs\"", nameof(state_dict));
                var unexpected = state_dict.Keys.Where(k => k is not ("last_epoch" or "base_lrs")).ToList();
                if (unexpected.Count > 0)
                    throw new ArgumentException("unexpected keys in the scheduler state dict: " + string.Join(", ", unexpected), nameof(state_dict));
                double[] loaded = bases.ToArray<double>();
                if (loaded.Length != baseLrs.Length)
                    throw new ArgumentException($"the state dict has base_lrs for {loaded.Length} parameter group(s) but the optimizer has {baseLrs.Length}", nameof(state_dict));
                last_epoch = epoch.item<long>();
                baseLrs = loaded;
                for (int g = 0; g < baseLrs.Length; ++g) optimizer.param_groups[g].initial_lr = baseLrs[g];
                Apply();
            }

            public override string ToString() =>
                string.Create(CultureInfo.InvariantCulture, $"{name}, last_epoch={last_epoch}, lr=[{string.Join(", ", lastLrs)}]");
        }
    }
}
