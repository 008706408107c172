using System.Runtime.CompilerServices;

namespace GenCourse.Torch.Tests;

/// <summary>
/// Native memory is freed by scopes, not by the GC: these tests count live native tensors
/// (a process-wide number), so they run alone.
/// </summary>
[Collection(SerialCollection.Name)]
public class DisposeScopeTests
{
    /// <summary>The live count once nothing collectable is pending (finalizers of earlier tests' garbage have run).</summary>
    private static long Baseline()
    {
        for (int k = 0; k < 2; ++k)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        return torch.LiveTensorCount;
    }

    [Fact]
    public void TrainingStepsInScopesReturnToTheBaseline()
    {
        long baseline = Baseline();
        using var g = new Generator(0);
        // A two-layer regression fitted by hand-written SGD: every temporary lives in the step's scope.
        Tensor w1 = torch.randn(new long[] { 4, 8 }, generator: g).mul_(0.5).requires_grad_();
        Tensor w2 = torch.randn(new long[] { 8, 1 }, generator: g).mul_(0.5).requires_grad_();
        Tensor x = torch.randn(new long[] { 16, 4 }, generator: g);
        Tensor y;
        using (Tensor rowSum = x.sum(1, keepdim: true)) y = rowSum.sin();
        long afterSetup = torch.LiveTensorCount;
        Assert.Equal(baseline + 4, afterSetup);

        double firstLoss = 0, lastLoss = 0;
        for (int step = 0; step < 1000; ++step)
        {
            using (torch.NewDisposeScope())
            {
                Tensor pred = torch.mm(torch.mm(x, w1).tanh(), w2);
                Tensor loss = nn.functional.mse_loss(pred, y);
                loss.backward();
                using (torch.no_grad())
                {
                    w1.sub_(w1.grad!, alpha: 0.05);
                    w2.sub_(w2.grad!, alpha: 0.05);
                }
                w1.grad = null;
                w2.grad = null;
                double l = loss.item<double>();
                if (step == 0) firstLoss = l;
                lastLoss = l;
            }
            Assert.Equal(afterSetup, torch.LiveTensorCount);
        }
        // The steps did real work: the loss fell.
        Assert.True(lastLoss < 0.5 * firstLoss, $"loss {firstLoss} → {lastLoss}");

        foreach (Tensor t in new[] { w1, w2, x, y }) t.Dispose();
        Assert.Equal(baseline, torch.LiveTensorCount);
    }

    [Fact]
    public void AScopeDisposesWhatItOwns()
    {
        long baseline = Baseline();
        Tensor a, b;
        using (var scope = torch.NewDisposeScope())
        {
            Assert.Same(scope, DisposeScope.Current);
            a = torch.ones(3);
            b = a * 2;
            Tensor[] parts = b.chunk(3);               // results of list-returning ops are owned too
            var (values, indices) = b.max(0);          // and of tuple-returning ones
            Assert.Equal(7, scope.OwnedCount);
            Assert.Equal(baseline + 7, torch.LiveTensorCount);
        }
        Assert.True(a.IsDisposed);
        Assert.True(b.IsDisposed);
        Assert.Null(DisposeScope.Current);
        Assert.Equal(baseline, torch.LiveTensorCount);
    }

    [Fact]
    public void DisposingTwiceIsHarmless()
    {
        long baseline = Baseline();
        Tensor t = torch.zeros(2);
        t.Dispose();
        t.Dispose();
        Assert.True(t.IsDisposed);
        var scope = torch.NewDisposeScope();
        Tensor u = torch.zeros(2);
        u.Dispose();                                   // disposed early, then again by the scope
        scope.Dispose();
        scope.Dispose();
        Assert.Null(DisposeScope.Current);
        Assert.Equal(baseline, torch.LiveTensorCount);
    }

    [Fact]
    public void MoveToOuterDisposeScopeHandsTheTensorOutward()
    {
        long baseline = Baseline();
        Tensor kept, dropped;
        using (var outer = torch.NewDisposeScope())
        {
            using (var inner = torch.NewDisposeScope())
            {
                Assert.Same(outer, inner.Outer);
                kept = (torch.ones(2) * 3).MoveToOuterDisposeScope();
                dropped = torch.ones(2);
            }
            Assert.True(dropped.IsDisposed);
            Assert.False(kept.IsDisposed);
            Assert.Equal(new[] { 3f, 3f }, kept.ToArray<float>());
            Assert.Equal(1, outer.OwnedCount);
        }
        Assert.True(kept.IsDisposed);
        Assert.Equal(baseline, torch.LiveTensorCount);
    }

    [Fact]
    public void MovingOutOfTheOutermostScopeLeavesTheTensorToTheCaller()
    {
        long baseline = Baseline();
        Tensor result;
        using (torch.NewDisposeScope())
        {
            result = torch.ones(2).MoveToOuterDisposeScope();
        }
        Assert.False(result.IsDisposed);
        Assert.Equal(baseline + 1, torch.LiveTensorCount);
        result.Dispose();
        Assert.Equal(baseline, torch.LiveTensorCount);
    }

    [Fact]
    public void DetachFromDisposeScopeEscapesEveryScope()
    {
        long baseline = Baseline();
        Tensor free;
        using (torch.NewDisposeScope())
        {
            using (torch.NewDisposeScope())
            {
                free = torch.ones(2).DetachFromDisposeScope();
            }
        }
        Assert.False(free.IsDisposed);
        Assert.Equal(baseline + 1, torch.LiveTensorCount);
        free.Dispose();
        Assert.Equal(baseline, torch.LiveTensorCount);
    }

    [Fact]
    public void NestedScopesOwnWhatWasCreatedWhileTheyWereInnermost()
    {
        long baseline = Baseline();
        using (var outer = torch.NewDisposeScope())
        {
            Tensor before = torch.ones(1);
            Tensor inside;
            using (var inner = torch.NewDisposeScope())
            {
                Assert.Same(inner, DisposeScope.Current);
                inside = before + 1;
                Assert.Equal(1, inner.OwnedCount);
                Assert.Equal(1, outer.OwnedCount);
            }
            Assert.Same(outer, DisposeScope.Current);
            Assert.True(inside.IsDisposed);
            Assert.False(before.IsDisposed);
            Tensor after = before * 2;
            Assert.Equal(2, outer.OwnedCount);
            Assert.Equal(baseline + 2, torch.LiveTensorCount);
            Assert.False(after.IsDisposed);
        }
        Assert.Null(DisposeScope.Current);
        Assert.Equal(baseline, torch.LiveTensorCount);
    }

    [Fact]
    public void ClosingAnOuterScopeFirstClosesTheInnerOnes()
    {
        long baseline = Baseline();
        var outer = torch.NewDisposeScope();
        var inner = torch.NewDisposeScope();
        Tensor a = torch.ones(2);
        var innermost = torch.NewDisposeScope();
        Tensor b = torch.ones(2);
        outer.Dispose();
        Assert.True(a.IsDisposed);
        Assert.True(b.IsDisposed);
        Assert.Null(DisposeScope.Current);
        Assert.Equal(baseline, torch.LiveTensorCount);
        inner.Dispose();                               // already closed: harmless
        innermost.Dispose();
        Assert.Null(DisposeScope.Current);
    }

    [Fact]
    public void TensorsCreatedOutsideAScopeAreNotOwnedByIt()
    {
        long baseline = Baseline();
        Tensor outside = torch.ones(2);
        using (torch.NewDisposeScope())
        {
            using Tensor r = outside + 1;
        }
        Assert.False(outside.IsDisposed);
        // A scope is per thread: a tensor made on another thread is not this scope's.
        Tensor? other = null;
        using (torch.NewDisposeScope())
        {
            var thread = new Thread(() => other = torch.zeros(3));
            thread.Start();
            thread.Join();
        }
        Assert.False(other!.IsDisposed);
        other.Dispose();
        outside.Dispose();
        Assert.Equal(baseline, torch.LiveTensorCount);
    }

    [Fact]
    public void AnOptimizerStyleUpdateUnderNoGradLeavesNothingBehind()
    {
        long baseline = Baseline();
        Tensor p = torch.tensor(new double[] { 1, -2, 3 }, requires_grad: true);
        Tensor m = torch.zeros(new long[] { 3 }, dtype: torch.float64);    // a momentum buffer
        using (torch.NewDisposeScope())
        {
            (p * p).sum().backward();                      // grad = 2p
            using (torch.no_grad())
            {
                Tensor grad = p.grad!;
                m.mul_(0.9).add_(grad);                    // m ← 0.9m + g
                p.add_(m, alpha: -0.1);                    // p ← p − 0.1m
                p.grad!.zero_();
            }
        }
        Assert.Equal(baseline + 2, torch.LiveTensorCount);
        Assert.True(p.is_leaf);
        Assert.True(p.requires_grad);
        // p − 0.1·2p = 0.8p
        Approx.Equal(new[] { 0.8, -1.6, 2.4 }, p, 1e-12);
        using (Tensor g = p.grad!) Approx.Equal(new double[3], g);
        p.Dispose();
        m.Dispose();
        Assert.Equal(baseline, torch.LiveTensorCount);
    }

    [Fact]
    public void IndexingAndTemporariesInsideAScopeAreFreed()
    {
        long baseline = Baseline();
        Tensor x;
        using (Tensor flat = torch.arange(24)) x = flat.view(2, 3, 4);
        long withX = torch.LiveTensorCount;
        using (torch.NewDisposeScope())
        {
            for (int k = 0; k < 100; ++k)
            {
                Tensor a = x[1, .., 1..3];
                Tensor b = x[x > 5];
                x[0, 0] = torch.tensor(new long[] { 9, 9, 9, 9 });
                Tensor c = 1.0 / (x + 1);
            }
        }
        Assert.Equal(withX, torch.LiveTensorCount);
        x.Dispose();
        Assert.Equal(baseline, torch.LiveTensorCount);
    }

    [Fact]
    public void FailedCallsLeakNothing()
    {
        long baseline = Baseline();
        using (Tensor a = torch.ones(2, 3))
        {
            for (int k = 0; k < 50; ++k)
                Assert.Throws<TorchException>(() => torch.mm(a, a));
        }
        Assert.Equal(baseline, torch.LiveTensorCount);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Abandon(int n)
    {
        for (int k = 0; k < n; ++k) _ = torch.ones(4);
    }

    [Fact]
    public void TheFinalizerIsASafetyNetForAbandonedTensors()
    {
        long baseline = Baseline();
        Abandon(50);
        Assert.Equal(baseline + 50, torch.LiveTensorCount);
        Assert.Equal(baseline, Baseline());
    }
}
