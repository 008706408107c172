using System.Collections;
using System.Globalization;

namespace GenCourse.Torch.Modules;

/// <summary>
/// A list of submodules registered as "0", "1", … (PyTorch's <c>nn.ModuleList</c>): it holds
/// modules so that their parameters are found and saved, and the owner decides how to call them.
/// </summary>
public sealed class ModuleList<T> : nn.Module, IReadOnlyList<T> where T : nn.Module
{
    private readonly List<T> items = new();

    public ModuleList(params T[] modules) => extend(modules);

    public ModuleList(IEnumerable<T> modules) => extend(modules);

    /// <summary>Adds a module at the end; returns this.</summary>
    public ModuleList<T> append(T module)
    {
        ArgumentNullException.ThrowIfNull(module);
        items.Add(RegisterModule(items.Count.ToString(CultureInfo.InvariantCulture), module));
        return this;
    }

    /// <summary>Adds modules at the end; returns this.</summary>
    public ModuleList<T> extend(IEnumerable<T> modules)
    {
        ArgumentNullException.ThrowIfNull(modules);
        foreach (T m in modules) append(m);
        return this;
    }

    public T this[int index] => items[index];
    public int Count => items.Count;
    public IEnumerator<T> GetEnumerator() => items.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
