namespace GenCourse.Torch.Tests;

/// <summary>
/// A closed scope hands its list to the next scope on the thread; the closed scope must then
/// own nothing, and the new one exactly what was created while it was innermost.
/// (To fold into DisposeScopeTests when both exist.)
/// </summary>
public class DisposeScopeReuseTests
{
    [Fact]
    public void AClosedScopeOwnsNothingOnceItsListIsReused()
    {
        var first = torch.NewDisposeScope();
        Tensor a = torch.ones(2);
        Assert.Equal(1, first.OwnedCount);
        first.Dispose();
        Assert.True(a.IsDisposed);
        Assert.Equal(0, first.OwnedCount);

        using var second = torch.NewDisposeScope();
        Tensor b = torch.ones(2);
        Tensor c = b * 2.0;
        Assert.Equal(0, first.OwnedCount);
        Assert.Equal(2, second.OwnedCount);
        Assert.Equal(new float[] { 2, 2 }, c.ToArray<float>());
    }

    [Fact]
    public void NestedScopesReuseListsWithoutSharingThem()
    {
        for (int step = 0; step < 5; ++step)
        {
            Tensor outerTensor, innerTensor;
            using (var outer = torch.NewDisposeScope())
            {
                outerTensor = torch.ones(1);
                using (var inner = torch.NewDisposeScope())
                {
                    innerTensor = torch.zeros(1);
                    Assert.Equal(1, inner.OwnedCount);
                    Assert.Equal(1, outer.OwnedCount);
                }
                Assert.True(innerTensor.IsDisposed);
                Assert.False(outerTensor.IsDisposed);
                Assert.Equal(1, outer.OwnedCount);
            }
            Assert.True(outerTensor.IsDisposed);
        }
    }
}
