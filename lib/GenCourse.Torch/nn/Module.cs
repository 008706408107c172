using System.Text;

namespace GenCourse.Torch;

public static partial class nn
{
    /// <summary>
    /// The base of every layer and model, as PyTorch's <c>torch.nn.Module</c>. A module registers
    /// its parameters, buffers and submodules explicitly, under the names PyTorch would give them,
    /// so that state dicts (and checkpoints) carry PyTorch's keys:
    /// <code>
    /// public sealed class Mlp : nn.Module&lt;Tensor, Tensor&gt;
    /// {
    ///     private readonly Linear fc1, fc2;
    ///     public Mlp()
    ///     {
    ///         fc1 = RegisterModule("fc1", nn.Linear(784, 400));
    ///         fc2 = RegisterModule("fc2", nn.Linear(400, 10));
    ///     }
    ///     public override Tensor forward(Tensor x) => fc2.call(fc1.call(x).relu());
    /// }
    /// </code>
    /// No reflection is involved, so a subclass written in a notebook cell works as well.
    /// Parameters and buffers never belong to a <see cref="DisposeScope"/>; the module owns them
    /// and <see cref="Dispose()"/> frees them (and its submodules').
    /// </summary>
    public abstract partial class Module : IDisposable
    {
        private readonly OrderedDictionary<string, Tensor> ownParameters = new();
        private readonly OrderedDictionary<string, Tensor> ownBuffers = new();
        private readonly HashSet<string> nonPersistentBuffers = new();
        private readonly OrderedDictionary<string, Module> ownModules = new();
        private bool disposed;

        /// <summary>True in training mode (the default); <c>eval()</c> turns it off for the whole tree.</summary>
        public bool training { get; private set; } = true;

        /// <summary>True once <see cref="Dispose()"/> has run.</summary>
        public bool IsDisposed => disposed;

        /// <summary>
        /// Registers <paramref name="tensor"/> as a trainable parameter called <paramref name="name"/>
        /// (its state-dict key is the path of module names plus this name, e.g. <c>encoder.0.weight</c>).
        /// The tensor leaves any dispose scope, gets <c>requires_grad</c>, and is owned by this module.
        /// Registering the same name again replaces the parameter. Returns the tensor.
        /// </summary>
        public Tensor RegisterParameter(string name, Tensor tensor)
        {
            ArgumentNullException.ThrowIfNull(tensor);
            CheckName(name, "parameter", ownParameters);
            if (!tensor.dtype.IsFloatingPoint())
                throw new ArgumentException($"parameter '{name}' has dtype {tensor.dtype.TorchName()}; only floating-point tensors can be parameters (they need gradients). Register an integer tensor as a buffer instead.", nameof(tensor));
            if (!tensor.is_leaf)
                throw new ArgumentException($"parameter '{name}' is not a leaf tensor: it was computed from tensors that require grad, so the optimizer would never see its gradient. Register tensor.detach(), or create it under torch.no_grad().", nameof(tensor));
            tensor.DetachFromDisposeScope();
            tensor.requires_grad = true;
            ownParameters[name] = tensor;
            return tensor;
        }

        /// <summary>
        /// Registers a tensor that is state but not trained (BatchNorm's running statistics, a
        /// noise schedule). A persistent buffer is part of the state dict. The tensor leaves any
        /// dispose scope and is owned by this module. Returns the tensor.
        /// </summary>
        public Tensor RegisterBuffer(string name, Tensor tensor, bool persistent = true)
        {
            ArgumentNullException.ThrowIfNull(tensor);
            CheckName(name, "buffer", ownBuffers);
            tensor.DetachFromDisposeScope();
            ownBuffers[name] = tensor;
            if (persistent) nonPersistentBuffers.Remove(name);
            else nonPersistentBuffers.Add(name);
            return tensor;
        }

        /// <summary>
        /// Registers <paramref name="module"/> as a child called <paramref name="name"/>; its
        /// parameters appear under <c>name.</c> in the state dict. Returns the module.
        /// </summary>
        public T RegisterModule<T>(string name, T module) where T : Module
        {
            ArgumentNullException.ThrowIfNull(module);
            CheckName(name, "module", ownModules);
            if (ReferenceEquals(module, this))
                throw new ArgumentException($"a module cannot be registered as its own child ('{name}')", nameof(module));
            ownModules[name] = module;
            return module;
        }

        private void CheckName<TValue>(string name, string kind, OrderedDictionary<string, TValue> own)
        {
            ThrowIfDisposed();
            if (string.IsNullOrEmpty(name))
                throw new ArgumentException($"a {kind} name must not be empty", nameof(name));
            if (name.Contains('.'))
                throw new ArgumentException($"{kind} name '{name}' contains '.', which separates the levels of state-dict keys; choose a name without dots", nameof(name));
            if (!ReferenceEquals(own, ownParameters) && ownParameters.ContainsKey(name))
                throw new ArgumentException($"cannot register {kind} '{name}': {TypeName} already has a parameter with that name", nameof(name));
            if (!ReferenceEquals(own, ownBuffers) && ownBuffers.ContainsKey(name))
                throw new ArgumentException($"cannot register {kind} '{name}': {TypeName} already has a buffer with that name", nameof(name));
            if (!ReferenceEquals(own, ownModules) && ownModules.ContainsKey(name))
                throw new ArgumentException($"cannot register {kind} '{name}': {TypeName} already has a submodule with that name", nameof(name));
        }

        /// <summary>Sets training mode on this module and every submodule (used by <c>train()</c>/<c>eval()</c>).</summary>
        internal void SetTraining(bool mode)
        {
            foreach (Module m in modules()) m.training = mode;
        }

        /// <summary>Throws a clear error when this module has been disposed.</summary>
        protected void ThrowIfDisposed()
        {
            if (disposed)
                throw new ObjectDisposedException(TypeName, $"this {TypeName} was disposed, together with its parameters and buffers; create a new one.");
        }

        /// <summary>Frees the parameters, buffers and submodules.</summary>
        public void Dispose()
        {
            Dispose(true);
            GC.SuppressFinalize(this);
        }

        /// <summary>Override to free tensors a subclass holds outside the registries (call base).</summary>
        protected virtual void Dispose(bool disposing)
        {
            if (disposed) return;
            disposed = true;
            if (!disposing) return;
            foreach (Tensor p in ownParameters.Values) p.Dispose();
            foreach (Tensor b in ownBuffers.Values) b.Dispose();
            foreach (Module m in ownModules.Values) m.Dispose();
        }

        /// <summary>Extra text for <see cref="ToString"/>, e.g. <c>in_features=2, out_features=3, bias=True</c>.</summary>
        protected virtual string extra_repr() => "";

        /// <summary>PyTorch's module print-out: the type, its settings, and its children indented.</summary>
        public override string ToString()
        {
            var sb = new StringBuilder(TypeName).Append('(');
            string extra = extra_repr();
            if (ownModules.Count == 0) return sb.Append(extra).Append(')').ToString();
            if (extra.Length > 0) sb.Append("\n  ").Append(extra);
            foreach ((string name, Module child) in ownModules)
            {
                string childText = child.ToString().Replace("\n", "\n  ");
                sb.Append("\n  (").Append(name).Append("): ").Append(childText);
            }
            return sb.Append("\n)").ToString();
        }

        /// <summary>The type's name without a generic arity (<c>ModuleList</c>, not <c>ModuleList`1</c>).</summary>
        private string TypeName => GetType().Name.Split('`')[0];

        internal static string Join(string prefix, string name) => prefix.Length == 0 ? name : prefix + "." + name;
    }
}
