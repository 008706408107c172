using System.Runtime.CompilerServices;

namespace GenCourse.Torch.Tests;

/// <summary>Runs alone: its assertions read the process-wide live native tensor count.</summary>
[CollectionDefinition(nameof(LiveTensorCountCollection), DisableParallelization = true)]
public sealed class LiveTensorCountCollection;

/// <summary>
/// Who frees a tensor's native memory: its scope, Dispose, or (for a tensor no scope owns) the
/// finalizer safety net when it is collected undisposed.
/// </summary>
[Collection(nameof(LiveTensorCountCollection))]
public class TensorLifetimeTests
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

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Drop(Func<Tensor> make, int count)
    {
        for (int k = 0; k < count; ++k) make();
    }

    [Fact]
    public void ScopeFreesWhatItOwnsWithoutTheCollector()
    {
        long baseline = Settle();
        using (torch.NewDisposeScope())
        {
            for (int k = 0; k < 10; ++k) _ = torch.ones(3) + 1.0;
            Assert.Equal(baseline + 20, torch.LiveTensorCount);
        }
        Assert.Equal(baseline, torch.LiveTensorCount);
    }

    [Fact]
    public void UndisposedTensorOutsideAnyScopeIsFreedWhenCollected()
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
    public void MovedOutOfTheOutermostScopeIsFreedWhenCollected()
    {
        long baseline = Settle();
        Drop(() =>
        {
            Tensor kept;
            using (torch.NewDisposeScope()) kept = (torch.ones(2) * 3.0).MoveToOuterDisposeScope();
            Assert.Equal(new float[] { 3, 3 }, kept.ToArray<float>());
            return kept;
        }, 1);
        Assert.Equal(baseline + 1, torch.LiveTensorCount);
        Assert.Equal(baseline, Settle());
    }

    [Fact]
    public void DisposedTensorIsNotFreedAgainByTheCollector()
    {
        long baseline = Settle();
        Drop(() =>
        {
            Tensor t = torch.ones(2);
            t.Dispose();
            return t;
        }, 5);
        Assert.Equal(baseline, torch.LiveTensorCount);
        Assert.Equal(baseline, Settle());
    }

    [Fact]
    public void DisposingAnOuterScopeFreesTheInnerScopesStillOpen()
    {
        long baseline = Settle();
        DisposeScope outer = torch.NewDisposeScope();
        DisposeScope inner = torch.NewDisposeScope();
        Tensor a = torch.ones(2);
        outer.Dispose();
        Assert.True(a.IsDisposed);
        Assert.Null(DisposeScope.Current);
        Assert.Equal(baseline, torch.LiveTensorCount);
        inner.Dispose();
        Assert.Null(DisposeScope.Current);
    }
}
