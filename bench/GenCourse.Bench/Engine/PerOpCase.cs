using TorchSharp;
using static TorchSharp.torch;

namespace GenCourse.Bench.Engine;

/// <summary>
/// Per-op overhead: 100k elementwise ops on 16-element tensors (50k × <c>y = x + y; y = y * h</c>),
/// where the arithmetic is negligible and the cost is the binding (argument passing, dispatch,
/// the result's wrapper object, freeing it). Results are freed by one dispose scope per 100 ops,
/// the way course code frees a step's tensors; Python frees each by reference counting.
/// </summary>
public sealed class PerOpCase : EngineCase
{
    private const int Iterations = 50_000;
    private const int Chunk = 50;   // iterations (100 ops) per dispose scope

    private readonly Tensor x;
    private readonly Tensor h;
    private double check;

    public PerOpCase()
    {
        torch.manual_seed(Seed);
        x = torch.rand(16);
        h = torch.full([16], 0.5);
    }

    public override string Name => "per_op";

    public override double Check => check;

    public override void RunOnce()
    {
        Tensor y = torch.zeros(16);
        for (int done = 0; done < Iterations; done += Chunk)
        {
            Tensor start = y;
            using (torch.NewDisposeScope())
            {
                for (int k = 0; k < Chunk; ++k)
                {
                    y = x + y;
                    y = y * h;
                }
                y.MoveToOuterDisposeScope();
            }
            start.Dispose();
        }
        using (y)
        using (Tensor sum = y.sum())
            check = sum.ToDouble();
    }

    public override void Dispose()
    {
        x.Dispose();
        h.Dispose();
    }
}
