namespace GenCourse.Torch;

public static partial class optim
{
    /// <summary>
    /// An optimizer's memory for one parameter (PyTorch's <c>optimizer.state[p]</c>): a step
    /// count and named tensors such as Adam's <c>exp_avg</c>. The tensors belong to no dispose
    /// scope; the optimizer frees them.
    /// </summary>
    public sealed class ParamState : IDisposable
    {
        private readonly OrderedDictionary<string, Tensor> tensors = new();

        /// <summary>Updates taken so far (t in Adam's bias corrections).</summary>
        public long step { get; set; }

        /// <summary>The tensor called <paramref name="name"/>, or null if there is none yet.</summary>
        public Tensor? this[string name] => tensors.TryGetValue(name, out Tensor? t) ? t : null;

        /// <summary>The named tensors (for state dicts).</summary>
        public IEnumerable<KeyValuePair<string, Tensor>> Tensors => tensors;

        /// <summary>Stores <paramref name="value"/> under <paramref name="name"/> (it leaves its scope; an old value is freed).</summary>
        public Tensor Set(string name, Tensor value)
        {
            ArgumentNullException.ThrowIfNull(value);
            value.DetachFromDisposeScope();
            if (tensors.TryGetValue(name, out Tensor? old) && !ReferenceEquals(old, value)) old.Dispose();
            tensors[name] = value;
            return value;
        }

        /// <summary>The tensor called <paramref name="name"/>, created by <paramref name="create"/> the first time.</summary>
        public Tensor GetOrAdd(string name, Func<Tensor> create) =>
            tensors.TryGetValue(name, out Tensor? t) ? t : Set(name, create());

        public void Dispose()
        {
            foreach (Tensor t in tensors.Values) t.Dispose();
            tensors.Clear();
        }
    }
}
