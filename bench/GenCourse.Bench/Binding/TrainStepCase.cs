using GenCourse.Torch;

namespace GenCourse.Bench.Binding;

/// <summary>
/// A training step as a PyTorch user writes it: <c>zero_grad(set_to_none=True)</c>, forward,
/// backward, Adam, and reading the loss (<c>loss.item()</c>). A subclass defines the parameters
/// (leaf tensors, PyTorch's default init) and the loss.
/// </summary>
public abstract class TrainStepCase : BindingCase
{
    private Tensor[] parameters = [];
    private optim.Optimizer? adam;
    private double loss;

    public override double Check => loss;

    /// <summary>Registers the leaf tensors to train (call once, from the constructor).</summary>
    protected void Train(params Tensor[] leaves)
    {
        parameters = leaves;
        adam = optim.Adam(leaves, lr: 1e-3);
    }

    /// <summary>The forward pass: a scalar loss.</summary>
    protected abstract Tensor Loss();

    public override void RunOnce()
    {
        optim.Optimizer opt = adam ?? throw new InvalidOperationException("Train(...) was not called");
        using var scope = torch.NewDisposeScope();
        opt.zero_grad();
        Tensor l = Loss();
        l.backward();
        opt.step();
        loss = l.item<double>();
    }

    /// <summary>U(−1/√fan_in, 1/√fan_in): PyTorch's default init for Linear and Conv2d weights and biases.</summary>
    protected static Tensor UniformFanIn(long[] shape, long fanIn)
    {
        double bound = 1 / Math.Sqrt(fanIn);
        return torch.empty(shape).uniform_(-bound, bound).requires_grad_();
    }

    public override void Dispose()
    {
        adam?.Dispose();
        foreach (Tensor p in parameters) p.Dispose();
        DisposeData();
    }

    /// <summary>Frees the case's inputs and targets.</summary>
    protected abstract void DisposeData();
}
