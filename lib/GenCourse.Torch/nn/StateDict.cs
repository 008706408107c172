using System.Collections;

namespace GenCourse.Torch;

/// <summary>
/// Named tensors in a fixed order: what <c>module.state_dict()</c> and <c>optimizer.state_dict()</c>
/// return and what checkpoints hold. Keys follow PyTorch (<c>encoder.0.weight</c>,
/// <c>1.running_mean</c>). A module's entries are detached views that share storage with its
/// parameters; disposing the state dict frees those views, never the parameters.
/// </summary>
public sealed class StateDict : IReadOnlyDictionary<string, Tensor>, IDisposable
{
    private readonly OrderedDictionary<string, Tensor> entries = new();

    /// <summary>Adds an entry; a key may appear once.</summary>
    public void Add(string key, Tensor value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(value);
        if (!entries.TryAdd(key, value))
            throw new ArgumentException($"the state dict already has an entry '{key}'", nameof(key));
    }

    public Tensor this[string key] => entries.TryGetValue(key, out Tensor? t)
        ? t
        : throw new KeyNotFoundException($"the state dict has no entry '{key}'; its keys are: {string.Join(", ", entries.Keys)}");

    public IEnumerable<string> Keys => entries.Keys;
    public IEnumerable<Tensor> Values => entries.Values;
    public int Count => entries.Count;
    public bool ContainsKey(string key) => entries.ContainsKey(key);
    public bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out Tensor value) => entries.TryGetValue(key, out value);
    public IEnumerator<KeyValuePair<string, Tensor>> GetEnumerator() => entries.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Disposes every tensor held (views of parameters are freed; the parameters are not).</summary>
    public void Dispose()
    {
        foreach (Tensor t in entries.Values) t.Dispose();
        entries.Clear();
    }

    public override string ToString() =>
        "StateDict(" + string.Join(", ", entries.Select(e => $"{e.Key}: [{string.Join(", ", e.Value.shape)}]")) + ")";
}
