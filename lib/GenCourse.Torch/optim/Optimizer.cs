using System.Globalization;

namespace GenCourse.Torch;

public static partial class optim
{
    /// <summary>
    /// The base of every optimizer (PyTorch's <c>torch.optim.Optimizer</c>). <see cref="step"/>
    /// runs under no_grad inside its own dispose scope, so an update leaves no tensors behind;
    /// the per-parameter state lives outside any scope until the optimizer is disposed.
    /// Create the optimizer after moving the model to its device.
    /// </summary>
    public abstract partial class Optimizer : IDisposable
    {
        private readonly List<ParamGroup> groups;
        private readonly Dictionary<Tensor, ParamState> states = new(ReferenceEqualityComparer.Instance);
        private bool disposed;

        protected Optimizer(IEnumerable<ParamGroup> param_groups, double lr, double weight_decay)
        {
            ArgumentNullException.ThrowIfNull(param_groups);
            if (!(lr >= 0)) throw new ArgumentOutOfRangeException(nameof(lr), lr, "the learning rate must be >= 0");
            if (!(weight_decay >= 0)) throw new ArgumentOutOfRangeException(nameof(weight_decay), weight_decay, "weight_decay must be >= 0");
            groups = param_groups.ToList();
            var seen = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
            foreach (ParamGroup g in groups)
            {
                ArgumentNullException.ThrowIfNull(g, nameof(param_groups));
                g.Bind(lr, weight_decay);
                foreach (Tensor p in g.@params)
                {
                    ArgumentNullException.ThrowIfNull(p, nameof(param_groups));
                    if (!seen.Add(p))
                        throw new ArgumentException("a parameter appears twice (in one group or in two); each parameter must be given once", nameof(param_groups));
                    if (!p.dtype.IsFloatingPoint())
                        throw new ArgumentException($"can only optimize floating-point tensors, got one of dtype {p.dtype.TorchName()}", nameof(param_groups));
                    if (!p.is_leaf)
                        throw new ArgumentException("can't optimize a non-leaf tensor (one computed from others); optimize the parameters it was computed from", nameof(param_groups));
                }
            }
            if (seen.Count == 0)
                throw new ArgumentException("the optimizer got an empty parameter list; pass model.parameters() of a model that has parameters", nameof(param_groups));
        }

        /// <summary>The groups of parameters with their learning rates (schedulers change them).</summary>
        public IReadOnlyList<ParamGroup> param_groups => groups;

        /// <summary>The memory kept per parameter (PyTorch's <c>optimizer.state</c>); a parameter appears after its first update.</summary>
        public IReadOnlyDictionary<Tensor, ParamState> state => states;

        /// <summary>Clears the gradients of the optimized parameters (drops them by default, as PyTorch 2).</summary>
        public void zero_grad(bool set_to_none = true)
        {
            using GradModeScope noGrad = torch.no_grad();
            foreach (ParamGroup g in groups)
                foreach (Tensor p in g.@params)
                {
                    if (set_to_none)
                    {
                        p.grad = null;
                        continue;
                    }
                    using Tensor? grad = p.grad;
                    grad?.zero_();
                }
        }

        /// <summary>Updates every parameter that has a gradient, once.</summary>
        public void step()
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            using GradModeScope noGrad = torch.no_grad();
            foreach (ParamGroup g in groups)
                foreach (Tensor p in g.@params)
                {
                    // One scope per parameter, so that its temporaries (e.g. Adam's √v̂ + ε) are freed
                    // before the next one's are made, as PyTorch frees them: the step's peak memory is
                    // then the largest parameter's temporaries, not all of them together.
                    using DisposeScope scope = torch.NewDisposeScope();
                    Tensor? grad = p.grad;
                    if (grad is null) continue;
                    if (!states.TryGetValue(p, out ParamState? s)) states.Add(p, s = new ParamState());
                    Update(g, p, grad, s);
                }
        }

        /// <summary>
        /// One update of <paramref name="param"/> in place from <paramref name="grad"/>. Runs under
        /// no_grad in a dispose scope: temporaries are freed afterwards; tensors kept in
        /// <paramref name="state"/> (via <see cref="ParamState.Set"/>) survive.
        /// </summary>
        protected abstract void Update(ParamGroup group, Tensor param, Tensor grad, ParamState state);

        /// <summary>Optimizer-wide settings (β₁, ε, momentum…) as numbers, saved under <c>defaults.&lt;name&gt;</c>.</summary>
        protected abstract IEnumerable<KeyValuePair<string, double>> GetDefaults();

        /// <summary>Restores the settings read from a state dict (every name from <see cref="GetDefaults"/> is present).</summary>
        protected abstract void SetDefaults(IReadOnlyDictionary<string, double> values);

        /// <summary>
        /// Everything needed to resume: <c>state.{i}.{name}</c> per parameter (i counts parameters
        /// across groups in order, as PyTorch; <c>step</c> is an int64 scalar, the rest are detached
        /// views of the state tensors), <c>param_groups.{g}.lr|weight_decay|initial_lr|params</c>,
        /// and <c>defaults.{name}</c>. Every value is a tensor, so it can be saved as safetensors.
        /// </summary>
        public StateDict state_dict()
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            var sd = new StateDict();
            int index = 0;
            for (int g = 0; g < groups.Count; ++g)
            {
                ParamGroup group = groups[g];
                string prefix = Key("param_groups", g);
                sd.Add(prefix + ".lr", torch.tensor(group.lr, ScalarType.Float64));
                sd.Add(prefix + ".weight_decay", torch.tensor(group.weight_decay, ScalarType.Float64));
                if (group.initial_lr is double initial) sd.Add(prefix + ".initial_lr", torch.tensor(initial, ScalarType.Float64));
                sd.Add(prefix + ".params", torch.arange(index, index + group.@params.Count));
                index += group.@params.Count;
            }
            index = 0;
            foreach (Tensor p in AllParameters())
            {
                if (states.TryGetValue(p, out ParamState? s))
                {
                    string prefix = Key("state", index);
                    sd.Add(prefix + ".step", torch.tensor(new[] { s.step }).DisposeAfter(t => t.reshape()));
                    foreach ((string name, Tensor t) in s.Tensors) sd.Add(prefix + "." + name, t.detach());
                }
                index++;
            }
            foreach ((string name, double value) in GetDefaults())
                sd.Add("defaults." + name, torch.tensor(value, ScalarType.Float64));
            return sd;
        }

        /// <summary>
        /// Restores a state dict from <see cref="state_dict"/> (of an optimizer of the same type over
        /// parameters of the same shapes, in the same groups). Values are copied onto each
        /// parameter's device and dtype. Everything is checked before anything changes; a mismatch
        /// is an error listing what differs.
        /// </summary>
        public void load_state_dict(IReadOnlyDictionary<string, Tensor> state_dict)
        {
            ArgumentNullException.ThrowIfNull(state_dict);
            ObjectDisposedException.ThrowIf(disposed, this);
            List<Tensor> all = AllParameters().ToList();
            var groupValues = new Dictionary<(int group, string name), Tensor>();
            var stateValues = new SortedDictionary<int, Dictionary<string, Tensor>>();
            var defaultValues = new Dictionary<string, double>();
            var errors = new List<string>();
            var unexpected = new List<string>();

            foreach ((string key, Tensor value) in state_dict)
            {
                string[] parts = key.Split('.', 3);
                if (parts.Length == 3 && parts[0] == "param_groups" && TryIndex(parts[1], out int g) && parts[2] is "lr" or "weight_decay" or "initial_lr" or "params")
                {
                    if (g >= groups.Count) errors.Add($"the state dict has parameter group {g}, but this optimizer has {groups.Count} group(s)");
                    else groupValues[(g, parts[2])] = value;
                }
                else if (parts.Length == 3 && parts[0] == "state" && TryIndex(parts[1], out int i))
                {
                    if (i >= all.Count) errors.Add($"the state dict has state for parameter {i}, but this optimizer has {all.Count} parameter(s)");
                    else if (parts[2] != "step" && !value.shape.SequenceEqual(all[i].shape))
                        errors.Add($"state.{i}.{parts[2]} has shape [{string.Join(", ", value.shape)}] but parameter {i} has shape [{string.Join(", ", all[i].shape)}]");
                    else
                    {
                        if (!stateValues.TryGetValue(i, out var entries)) stateValues[i] = entries = new();
                        entries[parts[2]] = value;
                    }
                }
                else if (key.StartsWith("defaults.", StringComparison.Ordinal) && value.numel() == 1)
                    defaultValues[key["defaults.".Length..]] = value.item<double>();
                else
                    unexpected.Add(key);
            }

            for (int g = 0; g < groups.Count; ++g)
            {
                foreach (string name in new[] { "lr", "weight_decay", "params" })
                    if (!groupValues.ContainsKey((g, name))) errors.Add($"missing key \"{Key("param_groups", g)}.{name}\"");
                if (groupValues.TryGetValue((g, "params"), out Tensor? ids) && ids.numel() != groups[g].@params.Count)
                    errors.Add($"parameter group {g} has {ids.numel()} parameter(s) in the state dict but {groups[g].@params.Count} in this optimizer");
            }
            foreach ((int i, Dictionary<string, Tensor> entries) in stateValues)
                if (!entries.ContainsKey("step")) errors.Add($"missing key \"state.{i}.step\"");
            var expectedDefaults = GetDefaults().Select(e => e.Key).ToList();
            foreach (string name in expectedDefaults)
                if (!defaultValues.ContainsKey(name)) errors.Add($"missing key \"defaults.{name}\"");
            unexpected.AddRange(defaultValues.Keys.Where(k => !expectedDefaults.Contains(k)).Select(k => "defaults." + k));
            if (unexpected.Count > 0)
                errors.Add("unexpected keys: " + string.Join(", ", unexpected.Select(k => $"\"{k}\"")));
            if (errors.Count > 0)
                throw new ArgumentException($"Error(s) in loading the state dict of {GetType().Name} (is it from the same kind of optimizer over the same parameters?):\n  " + string.Join("\n  ", errors), nameof(state_dict));

            foreach (ParamState s in states.Values) s.Dispose();
            states.Clear();
            using (DisposeScope scope = torch.NewDisposeScope())
            using (torch.no_grad())
            {
                foreach ((int i, Dictionary<string, Tensor> entries) in stateValues)
                {
                    Tensor p = all[i];
                    var s = new ParamState { step = entries["step"].item<long>() };
                    foreach ((string name, Tensor value) in entries)
                    {
                        if (name == "step") continue;
                        ScalarType dtype = value.dtype.IsFloatingPoint() ? p.dtype : value.dtype;
                        s.Set(name, value.to(p.device, dtype, copy: true));
                    }
                    states[p] = s;
                }
            }
            for (int g = 0; g < groups.Count; ++g)
            {
                groups[g].lr = groupValues[(g, "lr")].item<double>();
                groups[g].weight_decay = groupValues[(g, "weight_decay")].item<double>();
                groups[g].initial_lr = groupValues.TryGetValue((g, "initial_lr"), out Tensor? initial) ? initial.item<double>() : null;
            }
            SetDefaults(defaultValues);
        }

        private IEnumerable<Tensor> AllParameters() => groups.SelectMany(g => g.@params);

        private static string Key(string kind, int index) => kind + "." + index.ToString(CultureInfo.InvariantCulture);

        private static bool TryIndex(string text, out int index) =>
            int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out index);

        /// <summary>Frees the per-parameter state (not the parameters).</summary>
        public void Dispose()
        {
            if (disposed) return;
            disposed = true;
            foreach (ParamState s in states.Values) s.Dispose();
            states.Clear();
            GC.SuppressFinalize(this);
        }
    }
}
