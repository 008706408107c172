namespace GenCourse.Torch;

public static partial class nn
{
    // Walking the module tree: parameters, buffers, children, as PyTorch orders them
    // (a module's own entries in registration order, then each child's, depth first).
    // A tensor or module reachable twice (weight tying) is listed once.
    public abstract partial class Module
    {
        /// <summary>The trainable tensors of this module (and, with <paramref name="recurse"/>, of its submodules).</summary>
        public IEnumerable<Tensor> parameters(bool recurse = true)
        {
            foreach ((_, Tensor p) in named_parameters(recurse: recurse)) yield return p;
        }

        /// <summary>Parameters with their state-dict names, e.g. <c>("0.weight", W)</c>.</summary>
        public IEnumerable<(string name, Tensor parameter)> named_parameters(string prefix = "", bool recurse = true)
        {
            var seen = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
            foreach ((string path, Module m) in recurse ? named_modules(prefix) : new[] { (prefix, this) })
                foreach ((string name, Tensor p) in m.ownParameters)
                    if (seen.Add(p)) yield return (Join(path, name), p);
        }

        /// <summary>The buffers (persistent or not) of this module and its submodules.</summary>
        public IEnumerable<Tensor> buffers(bool recurse = true)
        {
            foreach ((_, Tensor b) in named_buffers(recurse: recurse)) yield return b;
        }

        /// <summary>Buffers with their full names, e.g. <c>("1.running_mean", μ)</c>.</summary>
        public IEnumerable<(string name, Tensor buffer)> named_buffers(string prefix = "", bool recurse = true)
        {
            var seen = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
            foreach ((string path, Module m) in recurse ? named_modules(prefix) : new[] { (prefix, this) })
                foreach ((string name, Tensor b) in m.ownBuffers)
                    if (seen.Add(b)) yield return (Join(path, name), b);
        }

        /// <summary>The direct submodules.</summary>
        public IEnumerable<Module> children()
        {
            foreach ((_, Module m) in named_children()) yield return m;
        }

        /// <summary>The direct submodules with their names.</summary>
        public IEnumerable<(string name, Module module)> named_children()
        {
            var seen = new HashSet<Module>(ReferenceEqualityComparer.Instance);
            foreach ((string name, Module m) in ownModules)
                if (seen.Add(m)) yield return (name, m);
        }

        /// <summary>This module and every module below it (pre-order).</summary>
        public IEnumerable<Module> modules()
        {
            foreach ((_, Module m) in named_modules()) yield return m;
        }

        /// <summary>
        /// This module (named <paramref name="prefix"/>, "" by default) and every module below it
        /// with its dotted path, e.g. <c>("encoder.0", Linear)</c>.
        /// </summary>
        public IEnumerable<(string name, Module module)> named_modules(string prefix = "")
        {
            var seen = new HashSet<Module>(ReferenceEqualityComparer.Instance);
            var stack = new Stack<(string, Module)>();
            stack.Push((prefix, this));
            while (stack.Count > 0)
            {
                (string path, Module m) = stack.Pop();
                if (!seen.Add(m)) continue;
                yield return (path, m);
                for (int k = m.ownModules.Count - 1; k >= 0; --k)
                {
                    (string name, Module child) = m.ownModules.GetAt(k);
                    stack.Push((Join(path, name), child));
                }
            }
        }

        /// <summary>
        /// Calls <paramref name="fn"/> on every submodule, then on this one (PyTorch's order), e.g.
        /// DCGAN's <c>model.apply(m =&gt; { if (m is Conv2d c) nn.init.normal_(c.weight, 0, 0.02); })</c>.
        /// </summary>
        public Module apply(Action<Module> fn)
        {
            ArgumentNullException.ThrowIfNull(fn);
            foreach (Module child in children()) child.apply(fn);
            fn(this);
            return this;
        }

        /// <summary>The number of parameter elements (only those with <c>requires_grad</c> when <paramref name="only_trainable"/>).</summary>
        public long parameter_count(bool only_trainable = false)
        {
            long n = 0;
            foreach (Tensor p in parameters())
                if (!only_trainable || p.requires_grad) n += p.numel();
            return n;
        }

        /// <summary>
        /// Clears every parameter's gradient: drops it (<paramref name="set_to_none"/>, the
        /// default as in PyTorch 2) or fills it with zeros.
        /// </summary>
        public void zero_grad(bool set_to_none = true)
        {
            using GradModeScope noGrad = torch.no_grad();
            foreach (Tensor p in parameters())
            {
                if (set_to_none)
                {
                    p.grad = null;
                    continue;
                }
                using Tensor? g = p.grad;
                g?.zero_();
            }
        }

        /// <summary>Turns gradient tracking of every parameter on or off (freezing a network).</summary>
        internal void SetRequiresGrad(bool requires_grad)
        {
            foreach (Tensor p in parameters()) p.requires_grad = requires_grad;
        }
    }
}
