using System.Collections;
using System.Globalization;

namespace GenCourse.Torch.Modules;

/// <summary>
/// Runs modules one after another (PyTorch's <c>nn.Sequential</c>). Children are named
/// "0", "1", … unless names are given, so the state-dict keys are PyTorch's
/// (<c>encoder.0.weight</c>).
/// </summary>
public sealed class Sequential : nn.Module<Tensor, Tensor>, IReadOnlyList<nn.Module<Tensor, Tensor>>
{
    private readonly List<nn.Module<Tensor, Tensor>> layers = new();

    /// <summary>An empty Sequential, to fill with <see cref="append(nn.Module{Tensor, Tensor})"/>.</summary>
    public Sequential()
    {
    }

    /// <summary>Modules named by their position.</summary>
    public Sequential(params nn.Module<Tensor, Tensor>[] modules)
    {
        ArgumentNullException.ThrowIfNull(modules);
        foreach (nn.Module<Tensor, Tensor> m in modules) append(m);
    }

    /// <summary>Named modules (PyTorch's <c>nn.Sequential(OrderedDict(...))</c>).</summary>
    public Sequential(params (string name, nn.Module<Tensor, Tensor> module)[] modules)
    {
        ArgumentNullException.ThrowIfNull(modules);
        foreach ((string name, nn.Module<Tensor, Tensor> m) in modules) append(name, m);
    }

    /// <summary>Adds a module at the end, named by its position; returns this.</summary>
    public Sequential append(nn.Module<Tensor, Tensor> module) =>
        append(layers.Count.ToString(CultureInfo.InvariantCulture), module);

    /// <summary>Adds a named module at the end; returns this.</summary>
    public Sequential append(string name, nn.Module<Tensor, Tensor> module)
    {
        ArgumentNullException.ThrowIfNull(module);
        if (named_children().Any(c => c.name == name))
            throw new ArgumentException($"Sequential already has a module named '{name}'", nameof(name));
        layers.Add(RegisterModule(name, module));
        return this;
    }

    public nn.Module<Tensor, Tensor> this[int index] => layers[index];
    public int Count => layers.Count;
    public IEnumerator<nn.Module<Tensor, Tensor>> GetEnumerator() => layers.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override Tensor forward(Tensor input)
    {
        if (layers.Count == 0) return input.Alias();   // never hand back the caller's own object
        Tensor x = input;
        foreach (nn.Module<Tensor, Tensor> layer in layers) x = layer.call(x);
        return x;
    }
}
