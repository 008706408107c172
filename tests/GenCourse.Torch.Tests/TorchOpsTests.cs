namespace GenCourse.Torch.Tests;

/// <summary>Functions of several tensors: joining, matrix products, distances, eigh.</summary>
public class TorchOpsTests
{
    [Fact]
    public void CatJoinsAlongAnExistingDimension()
    {
        using var scope = torch.NewDisposeScope();
        Tensor a = torch.tensor(new long[,] { { 1, 2 }, { 3, 4 } });
        Tensor b = torch.tensor(new long[,] { { 5, 6 } });
        Tensor c0 = torch.cat(new[] { a, b });
        Assert.Equal(new long[] { 3, 2 }, c0.shape);
        Assert.Equal(new long[] { 1, 2, 3, 4, 5, 6 }, c0.ToArray<long>());
        Tensor c1 = torch.cat(new[] { a, b.t(), a }, dim: 1);
        Assert.Equal(new long[] { 2, 5 }, c1.shape);
        Assert.Equal(new long[] { 1, 2, 5, 1, 2, 3, 4, 6, 3, 4 }, c1.ToArray<long>());
        Assert.Equal(new long[] { 2, 4 }, torch.cat(new[] { a, a }, dim: -1).shape);
    }

    [Fact]
    public void StackJoinsAlongANewDimension()
    {
        using var scope = torch.NewDisposeScope();
        Tensor a = torch.tensor(new long[] { 1, 2, 3 });
        Tensor b = torch.tensor(new long[] { 4, 5, 6 });
        Tensor s0 = torch.stack(new[] { a, b });
        Assert.Equal(new long[] { 2, 3 }, s0.shape);
        Assert.Equal(new long[] { 1, 2, 3, 4, 5, 6 }, s0.ToArray<long>());
        Tensor s1 = torch.stack(new[] { a, b }, dim: 1);
        Assert.Equal(new long[] { 3, 2 }, s1.shape);
        Assert.Equal(new long[] { 1, 4, 2, 5, 3, 6 }, s1.ToArray<long>());
    }

    [Fact]
    public void MmMatchesTheTripleLoop()
    {
        using var scope = torch.NewDisposeScope();
        double[] a = Reference.AsFloat(Reference.Values(12, seed: 1)), b = Reference.AsFloat(Reference.Values(20, seed: 5));
        Tensor ta = torch.tensor(Reference.ToFloat(a), new long[] { 3, 4 });
        Tensor tb = torch.tensor(Reference.ToFloat(b), new long[] { 4, 5 });
        Approx.Equal(new long[] { 3, 5 }, Reference.MatMul(a, b, 3, 4, 5), torch.mm(ta, tb));
        Approx.Equal(new long[] { 3, 5 }, Reference.MatMul(a, b, 3, 4, 5), torch.matmul(ta, tb));
        // [[1,2],[3,4]]·[[5,6],[7,8]] = [[19,22],[43,50]]
        Tensor p = torch.tensor(new float[,] { { 1, 2 }, { 3, 4 } });
        Tensor q = torch.tensor(new float[,] { { 5, 6 }, { 7, 8 } });
        Approx.Equal(new double[] { 19, 22, 43, 50 }, torch.mm(p, q));
    }

    [Fact]
    public void BmmMultipliesEachBatch()
    {
        using var scope = torch.NewDisposeScope();
        double[] a = Reference.AsFloat(Reference.Values(2 * 3 * 4, seed: 2)), b = Reference.AsFloat(Reference.Values(2 * 4 * 2, seed: 9));
        Tensor ta = torch.tensor(Reference.ToFloat(a), new long[] { 2, 3, 4 });
        Tensor tb = torch.tensor(Reference.ToFloat(b), new long[] { 2, 4, 2 });
        double[] expected = Reference.MatMul(a[..12], b[..8], 3, 4, 2).Concat(Reference.MatMul(a[12..], b[8..], 3, 4, 2)).ToArray();
        Approx.Equal(new long[] { 2, 3, 2 }, expected, torch.bmm(ta, tb));
        Approx.Equal(new long[] { 2, 3, 2 }, expected, torch.matmul(ta, tb));
    }

    [Fact]
    public void MatmulHandlesVectorsAndBroadcastsBatches()
    {
        using var scope = torch.NewDisposeScope();
        Tensor u = torch.tensor(new float[] { 1, 2, 3 });
        Tensor v = torch.tensor(new float[] { 4, -5, 6 });
        Tensor dot = torch.matmul(u, v);
        Assert.Empty(dot.shape);
        Approx.Equal(4 - 10 + 18, dot);
        Tensor m = torch.tensor(new float[,] { { 1, 0 }, { 0, 1 }, { 2, 3 } });   // [3, 2]
        // [3]·[3,2] → [2]: (1 + 6, 2 + 9)
        Approx.Equal(new long[] { 2 }, new double[] { 7, 11 }, torch.matmul(u, m));
        // [2,3]·[3] → [2]
        Tensor mt = m.t();
        Approx.Equal(new long[] { 2 }, new double[] { 7, 11 }, torch.matmul(mt, u));
        // [2,1,3,2]·[3,2,4]... batches broadcast: [2,1,3,2]·[4,2,5] → [2,4,3,5]
        double[] a = Reference.AsFloat(Reference.Values(12, seed: 3)), b = Reference.AsFloat(Reference.Values(40, seed: 4));
        Tensor ta = torch.tensor(Reference.ToFloat(a), new long[] { 2, 1, 3, 2 });
        Tensor tb = torch.tensor(Reference.ToFloat(b), new long[] { 4, 2, 5 });
        var expected = new List<double>();
        for (int i = 0; i < 2; ++i)
        for (int j = 0; j < 4; ++j)
            expected.AddRange(Reference.MatMul(a[(6 * i)..(6 * i + 6)], b[(10 * j)..(10 * j + 10)], 3, 2, 5));
        Approx.Equal(new long[] { 2, 4, 3, 5 }, expected.ToArray(), torch.matmul(ta, tb));
    }

    [Fact]
    public void CdistComputesPairwiseDistances()
    {
        using var scope = torch.NewDisposeScope();
        var x1 = new double[,] { { 0, 0 }, { 1, 2 }, { -1, 0.5 } };
        var x2 = new double[,] { { 3, 4 }, { 1, 1 } };
        Tensor t1 = torch.tensor(x1), t2 = torch.tensor(x2);
        double[] Dist(Func<double, double, double> metric)
        {
            var d = new double[6];
            for (int i = 0; i < 3; ++i) for (int j = 0; j < 2; ++j) d[i * 2 + j] = metric(x1[i, 0] - x2[j, 0], x1[i, 1] - x2[j, 1]);
            return d;
        }
        Approx.Equal(new long[] { 3, 2 }, Dist((a, b) => Math.Sqrt(a * a + b * b)), torch.cdist(t1, t2), 1e-12);
        Approx.Equal(new long[] { 3, 2 }, Dist((a, b) => Math.Abs(a) + Math.Abs(b)), torch.cdist(t1, t2, p: 1), 1e-12);
        // (0,0)–(3,4) is the 3-4-5 triangle.
        Assert.Equal(5.0, torch.cdist(t1, t2)[0, 0].item<double>(), 12);
        // Batched: [B, P, M] with [B, R, M] → [B, P, R].
        Tensor b1 = torch.stack(new[] { t1, t1 * 2 });
        Tensor b2 = torch.stack(new[] { t2, t2 * 2 });
        double[] once = Dist((a, b) => Math.Sqrt(a * a + b * b));
        Approx.Equal(new long[] { 2, 3, 2 }, once.Concat(once.Select(v => 2 * v)).ToArray(), torch.cdist(b1, b2), 1e-12);
    }

    [Fact]
    public void EighOfATwoByTwo()
    {
        using var scope = torch.NewDisposeScope();
        // [[2,1],[1,2]]: λ = 1 with (1,−1)/√2 and λ = 3 with (1,1)/√2 (ascending order).
        Tensor a = torch.tensor(new double[,] { { 2, 1 }, { 1, 2 } });
        var (values, vectors) = torch.linalg.eigh(a);
        Approx.Equal(new double[] { 1, 3 }, values, 1e-12);
        double[] v = vectors.ToArray<double>();    // columns are eigenvectors
        double s = 1 / Math.Sqrt(2);
        Assert.Equal(s, Math.Abs(v[0]), 12);
        Assert.Equal(-v[0], v[2], 12);            // first column ∝ (1, −1)
        Assert.Equal(v[1], v[3], 12);             // second column ∝ (1, 1)
        Assert.Equal(s, Math.Abs(v[1]), 12);
    }

    [Fact]
    public void EighReconstructsASymmetricMatrix()
    {
        using var scope = torch.NewDisposeScope();
        var m = new double[,] { { 4, 1, -2 }, { 1, 3, 0.5 }, { -2, 0.5, 1 } };
        Tensor a = torch.tensor(m);
        var (values, vectors) = torch.linalg.eigh(a);
        double[] lambda = values.ToArray<double>();
        Assert.True(lambda[0] <= lambda[1] && lambda[1] <= lambda[2], "eigenvalues ascend");
        // Trace and determinant are the sum and product of the eigenvalues.
        double trace = 4 + 3 + 1;
        double det = 4 * (3 * 1 - 0.5 * 0.5) - 1 * (1 * 1 - 0.5 * -2) + -2 * (1 * 0.5 - 3 * -2);
        Assert.Equal(trace, lambda.Sum(), 10);
        Assert.Equal(det, lambda[0] * lambda[1] * lambda[2], 10);
        // A = V·diag(λ)·Vᵀ and VᵀV = I.
        double[] v = vectors.ToArray<double>();
        for (int i = 0; i < 3; ++i)
        for (int j = 0; j < 3; ++j)
        {
            double rec = 0, gram = 0;
            for (int k = 0; k < 3; ++k)
            {
                rec += v[i * 3 + k] * lambda[k] * v[j * 3 + k];
                gram += v[k * 3 + i] * v[k * 3 + j];
            }
            Assert.Equal(m[i, j], rec, 10);
            Assert.Equal(i == j ? 1.0 : 0.0, gram, 10);
        }
        // A diagonal matrix: its diagonal, sorted.
        var (diagValues, _) = torch.linalg.eigh(torch.tensor(new double[,] { { 3, 0, 0 }, { 0, 1, 0 }, { 0, 0, 2 } }));
        Approx.Equal(new double[] { 1, 2, 3 }, diagValues, 1e-12);
    }

    [Fact]
    public void EinsumMatchesLoops()
    {
        using var scope = torch.NewDisposeScope();
        double[] a = Reference.Values(6, seed: 2), b = Reference.Values(12, seed: 7);
        Tensor ta = torch.tensor(a, new long[] { 2, 3 });
        Tensor tb = torch.tensor(b, new long[] { 3, 4 });
        Approx.Equal(new long[] { 2, 4 }, Reference.MatMul(a, b, 2, 3, 4), torch.einsum("ij,jk->ik", ta, tb), 1e-12);
        Approx.Equal(a.Sum(), torch.einsum("ij->", ta), 1e-12);
    }
}
