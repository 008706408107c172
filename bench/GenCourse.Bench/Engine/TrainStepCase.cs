using GenCourse.Engine;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GenCourse.Bench.Engine;

/// <summary>
/// A training step as a PyTorch user writes it: <c>zero_grad()</c> (set to none), forward,
/// backward, Adam, and reading the loss (<c>loss.item()</c>), in plain TorchSharp. A subclass
/// defines the parameters (leaf tensors, PyTorch's default init) and the loss.
/// </summary>
public abstract class TrainStepCase : EngineCase, IStepCase
{
    private Parameter[] parameters = [];
    private optim.Optimizer? adam;
    private double loss;
    private long steps;

    public override double Check => loss;

    /// <summary>Registers the leaf tensors to train (call once, from the constructor).</summary>
    protected void Train(params Parameter[] leaves)
    {
        parameters = leaves;
        adam = optim.Adam(leaves, lr: 1e-3);
    }

    /// <summary>The forward pass: a scalar loss.</summary>
    protected abstract Tensor Loss();

    public override void RunOnce() => Step();

    public void Step()
    {
        optim.Optimizer opt = adam ?? throw new InvalidOperationException("Train(...) was not called");
        // The forward pass's tensors die before the update, as in PyTorch, where backward frees
        // the graph and the loss function's locals are gone.
        using (torch.NewDisposeScope())
        {
            opt.zero_grad();
            Tensor l = Loss();
            l.backward();
            loss = l.ToDouble();
        }
        opt.step();
        TrainingMemory.AfterStep(++steps);   // as the course's trainers do (GenCourse.Engine.TrainingMemory)
    }

    /// <summary>U(−1/√fan_in, 1/√fan_in): PyTorch's default init for Linear and Conv2d weights and biases.</summary>
    protected static Parameter UniformFanIn(long[] shape, long fanIn)
    {
        double bound = 1 / Math.Sqrt(fanIn);
        using (torch.no_grad())
            return new Parameter(torch.empty(shape).uniform_(-bound, bound));
    }

    public override void Dispose()
    {
        adam?.Dispose();
        foreach (Parameter p in parameters) p.Dispose();
        DisposeData();
    }

    /// <summary>Frees the case's inputs and targets.</summary>
    protected abstract void DisposeData();
}
