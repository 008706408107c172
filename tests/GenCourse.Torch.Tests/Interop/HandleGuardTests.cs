using System.Runtime.CompilerServices;

namespace GenCourse.Torch.Tests.Interop;

/// <summary>Runs alone: its assertions read the process-wide live native tensor count.</summary>
[CollectionDefinition(nameof(HandleGuardCollection), DisableParallelization = true)]
public sealed class HandleGuardCollection;

/// <summary>
/// The finalizer safety net: a tensor that no scope owns (made outside any scope, or that left
/// its scope) is freed when collected undisposed, and never freed twice. Tensors a scope owns
/// carry no finalizer; DisposeScopeTests covers those.
/// </summary>
[Collection(nameof(HandleGuardCollection))]
public class HandleGuardTests
{
    private static long Settle()
    {
        for (int k = 0; k < 3; ++k)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        return torch.LiveTensorCount;
    }

    // Makes tensors and drops them; no local outlives the call, even in Debug builds.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Drop(Func<Tensor> make, int count)
    {
        for (int k = 0; k < count; ++k) make();
    }

    [Fact]
    public void TensorMadeOutsideAnyScopeIsFreedWhenCollected()
    {
        long baseline = Settle();
        Drop(() => torch.zeros(4), 10);
        Assert.Equal(baseline + 10, torch.LiveTensorCount);
        Assert.Equal(baseline, Settle());
    }

    [Fact]
    public void DetachedTensorOutlivesItsScopeAndIsFreedWhenCollected()
    {
        long baseline = Settle();
        Drop(() =>
        {
            using (torch.NewDisposeScope()) return torch.ones(2).DetachFromDisposeScope();
        }, 5);
        Assert.Equal(baseline + 5, torch.LiveTensorCount);
        Assert.Equal(baseline, Settle());
    }

    [Fact]
    public void TensorMovedOutOfTheOutermostScopeIsFreedWhenCollected()
    {
        long baseline = Settle();
        Drop(() =>
        {
            Tensor kept;
            using (torch.NewDisposeScope()) kept = (torch.ones(2) * 3.0).MoveToOuterDisposeScope();
            Assert.Equal(new float[] { 3, 3 }, kept.ToArray<float>());
            return kept;
        }, 4);
        Assert.Equal(baseline + 4, torch.LiveTensorCount);
        Assert.Equal(baseline, Settle());
    }

    [Fact]
    public void DisposedTensorIsNotFreedAgainWhenCollected()
    {
        long baseline = Settle();
        // A second free of the same native handle would drive the count below the baseline
        // (or crash the process).
        Drop(() =>
        {
            Tensor t = torch.ones(2);
            t.Dispose();
            return t;
        }, 5);
        Assert.Equal(baseline, torch.LiveTensorCount);
        Assert.Equal(baseline, Settle());
    }
}
