namespace GenCourse.Torch;

public static partial class nn
{
    // state_dict / load_state_dict: parameters and persistent buffers by their dotted names.
    public abstract partial class Module
    {
        /// <summary>
        /// Every parameter and persistent buffer under its PyTorch key (<c>encoder.0.weight</c>,
        /// <c>bn.running_var</c>, <c>bn.num_batches_tracked</c>). Values are detached views that
        /// share storage with the module's tensors (so they change as it trains); dispose the
        /// state dict, or create it inside a dispose scope, when done.
        /// </summary>
        public StateDict state_dict(string prefix = "")
        {
            ThrowIfDisposed();
            var result = new StateDict();
            foreach ((string key, Tensor t, _) in StateEntries(prefix))
                result.Add(key, t.detach());
            return result;
        }

        /// <summary>
        /// Copies values from <paramref name="state_dict"/> into this module's parameters and
        /// buffers (converting dtype and device). With <paramref name="strict"/> (the default)
        /// any missing or unexpected key is an error that lists them all; otherwise they are
        /// returned. A shape mismatch is always an error. Nothing is copied unless all checks pass.
        /// </summary>
        public IncompatibleKeys load_state_dict(IReadOnlyDictionary<string, Tensor> state_dict, bool strict = true)
        {
            ArgumentNullException.ThrowIfNull(state_dict);
            ThrowIfDisposed();
            var targets = StateEntries("").ToList();
            var expected = new HashSet<string>(targets.Select(e => e.key));
            var missing = targets.Where(e => !state_dict.ContainsKey(e.key)).Select(e => e.key).ToList();
            var unexpected = state_dict.Keys.Where(k => !expected.Contains(k)).ToList();

            var errors = new List<string>();
            if (strict && missing.Count > 0)
                errors.Add("missing keys: " + string.Join(", ", missing.Select(k => $"\"{k}\"")));
            if (strict && unexpected.Count > 0)
                errors.Add("unexpected keys: " + string.Join(", ", unexpected.Select(k => $"\"{k}\"")));
            foreach ((string key, Tensor target, string kind) in targets)
            {
                if (!state_dict.TryGetValue(key, out Tensor? source)) continue;
                long[] have = source.shape, want = target.shape;
                if (!have.SequenceEqual(want))
                    errors.Add($"size mismatch for {key}: the checkpoint has shape [{string.Join(", ", have)}], the {kind} in this model has [{string.Join(", ", want)}]");
            }
            if (errors.Count > 0)
            {
                string hint = strict && (missing.Count > 0 || unexpected.Count > 0)
                    ? "\nIs it a checkpoint of the same architecture? To load only the matching entries pass strict: false."
                    : "";
                throw new ArgumentException($"Error(s) in loading state_dict for {TypeName}:\n  " + string.Join("\n  ", errors) + hint, nameof(state_dict));
            }

            using (torch.no_grad())
            {
                foreach ((string key, Tensor target, _) in targets)
                    if (state_dict.TryGetValue(key, out Tensor? source)) target.copy_(source);
            }
            return new IncompatibleKeys(missing, unexpected);
        }

        /// <summary>Parameters and persistent buffers with their keys, in state-dict order (shared tensors appear under every name, as in PyTorch).</summary>
        private IEnumerable<(string key, Tensor tensor, string kind)> StateEntries(string prefix)
        {
            foreach ((string name, Tensor p) in ownParameters) yield return (prefix + name, p, "parameter");
            foreach ((string name, Tensor b) in ownBuffers)
                if (!nonPersistentBuffers.Contains(name)) yield return (prefix + name, b, "buffer");
            foreach ((string name, Module m) in ownModules)
                foreach (var entry in m.StateEntries(prefix + name + "."))
                    yield return entry;
        }
    }
}
