namespace GenCourse.Torch.Tests;

public class TensorOperatorsTests
{
    private static readonly double[,] A = { { 1, 2, 3 }, { 4, 5, 6 } };
    private static readonly double[] B = { 10, 20, -30 };

    /// <summary>A[i,j] ∘ B[j]: the [3] row broadcast over the [2,3] matrix.</summary>
    private static double[] RowBroadcast(Func<double, double, double> op)
    {
        var r = new double[6];
        for (int i = 0; i < 2; ++i)
        for (int j = 0; j < 3; ++j)
            r[i * 3 + j] = op(A[i, j], B[j]);
        return r;
    }

    private static double[] Map(Func<double, double> f)
    {
        var r = new double[6];
        for (int i = 0; i < 2; ++i)
        for (int j = 0; j < 3; ++j)
            r[i * 3 + j] = f(A[i, j]);
        return r;
    }

    private static Tensor MakeA() => torch.tensor(A, dtype: torch.float32);
    private static Tensor MakeB() => torch.tensor(B, dtype: torch.float32);

    [Fact]
    public void TensorTensorArithmeticBroadcastsARow()
    {
        using var scope = torch.NewDisposeScope();
        Tensor a = MakeA(), b = MakeB();
        Approx.Equal(new long[] { 2, 3 }, RowBroadcast((x, y) => x + y), a + b);
        Approx.Equal(new long[] { 2, 3 }, RowBroadcast((x, y) => x - y), a - b);
        Approx.Equal(new long[] { 2, 3 }, RowBroadcast((x, y) => x * y), a * b);
        Approx.Equal(new long[] { 2, 3 }, RowBroadcast((x, y) => x / y), a / b);
        // The row on the left broadcasts just the same.
        Approx.Equal(new long[] { 2, 3 }, RowBroadcast((x, y) => y - x), b - a);
    }

    [Fact]
    public void AColumnAndARowBroadcastToAnOuterSum()
    {
        using var scope = torch.NewDisposeScope();
        Tensor col = torch.tensor(new float[,] { { 1 }, { 2 } });        // [2, 1]
        Tensor row = torch.tensor(new float[,] { { 10, 20, 30 } });      // [1, 3]
        Approx.Equal(new long[] { 2, 3 }, new double[] { 11, 21, 31, 12, 22, 32 }, col + row);
        Approx.Equal(new long[] { 2, 3 }, new double[] { 10, 20, 30, 20, 40, 60 }, col * row);
        // [2,1,1] with [3]: trailing dimensions align → [2,1,3].
        Tensor c3 = col.unsqueeze(-1);
        Assert.Equal(new long[] { 2, 1, 3 }, (c3 + torch.tensor(new float[] { 1, 2, 3 })).shape);
    }

    [Fact]
    public void TensorScalarArithmetic()
    {
        using var scope = torch.NewDisposeScope();
        Tensor a = MakeA();
        Approx.Equal(Map(x => x + 1.5), a + 1.5);
        Approx.Equal(Map(x => x + 2), a + 2);
        Approx.Equal(Map(x => x - 2), a - 2);
        Approx.Equal(Map(x => x - 0.5), a - 0.5);
        Approx.Equal(Map(x => x * 3), a * 3);
        Approx.Equal(Map(x => x * -0.25), a * -0.25);
        Approx.Equal(Map(x => x / 4), a / 4);
        Approx.Equal(Map(x => x / 0.5), a / 0.5);
    }

    [Fact]
    public void ScalarTensorArithmetic()
    {
        using var scope = torch.NewDisposeScope();
        Tensor a = MakeA();
        Approx.Equal(Map(x => 1.5 + x), 1.5 + a);
        Approx.Equal(Map(x => 2 + x), 2 + a);
        Approx.Equal(Map(x => 10 - x), 10 - a);
        Approx.Equal(Map(x => 0.5 - x), 0.5 - a);
        Approx.Equal(Map(x => 3 * x), 3 * a);
        Approx.Equal(Map(x => 0.5 * x), 0.5 * a);
        Approx.Equal(Map(x => 12 / x), 12 / a);
        Approx.Equal(Map(x => 1.0 / x), 1.0 / a);
    }

    [Fact]
    public void UnaryMinusAndNamedForms()
    {
        using var scope = torch.NewDisposeScope();
        Tensor a = MakeA(), b = MakeB();
        Approx.Equal(Map(x => -x), -a);
        Approx.Equal(Map(x => -x), a.neg());
        Approx.Equal(Map(x => 1 / x), a.reciprocal());
        // add/sub take alpha: a + α·b.
        Approx.Equal(RowBroadcast((x, y) => x + 2 * y), a.add(b, alpha: 2));
        Approx.Equal(RowBroadcast((x, y) => x - 0.5 * y), a.sub(b, alpha: 0.5));
        Approx.Equal(RowBroadcast((x, y) => x * y), a.mul(b));
        Approx.Equal(RowBroadcast((x, y) => x / y), a.div(b));
    }

    private static bool[] Bools(Tensor t)
    {
        Assert.Equal(ScalarType.Bool, t.dtype);
        return t.ToArray<bool>();
    }

    [Fact]
    public void ComparisonsGiveBoolTensors()
    {
        using var scope = torch.NewDisposeScope();
        Tensor a = MakeA(), b = MakeB();
        // A = [[1,2,3],[4,5,6]]
        Assert.Equal(new[] { false, false, false, true, true, true }, Bools(a > 3));
        Assert.Equal(new[] { false, false, true, true, true, true }, Bools(a >= 3));
        Assert.Equal(new[] { true, true, false, false, false, false }, Bools(a < 3));
        Assert.Equal(new[] { true, true, true, false, false, false }, Bools(a <= 3));
        Assert.Equal(new[] { false, false, true, false, false, false }, Bools(a.eq(3)));
        Assert.Equal(new[] { true, true, false, true, true, true }, Bools(a.ne(3)));
        // Against the broadcast row B = [10, 20, −30].
        Assert.Equal(RowBroadcast((x, y) => x < y ? 1 : 0).Select(v => v == 1).ToArray(), Bools(a < b));
        Assert.Equal(RowBroadcast((x, y) => x > y ? 1 : 0).Select(v => v == 1).ToArray(), Bools(a > b));
        Assert.Equal(RowBroadcast((x, y) => x <= y ? 1 : 0).Select(v => v == 1).ToArray(), Bools(a <= b));
        Assert.Equal(RowBroadcast((x, y) => x >= y ? 1 : 0).Select(v => v == 1).ToArray(), Bools(a >= b));
        Assert.Equal(RowBroadcast((x, y) => x < y ? 1 : 0).Select(v => v == 1).ToArray(), Bools(a.lt(b)));
        Assert.Equal(RowBroadcast((x, y) => x >= y ? 1 : 0).Select(v => v == 1).ToArray(), Bools(a.ge(b)));
        Assert.Equal(new[] { true, true, true, true, true, true }, Bools(a.eq(a)));
        Assert.Equal(new[] { false, false, false, false, false, false }, Bools(a.ne(a)));
        Assert.Equal(new[] { false, false, false, false, false, false }, Bools(a.gt(a)));
        Assert.Equal(new[] { true, true, true, true, true, true }, Bools(a.le(a)));
    }

    [Fact]
    public void LogicalOperatorsCombineMasks()
    {
        using var scope = torch.NewDisposeScope();
        Tensor p = torch.tensor(new[] { true, true, false, false });
        Tensor q = torch.tensor(new[] { true, false, true, false });
        Assert.Equal(new[] { true, false, false, false }, Bools(p & q));
        Assert.Equal(new[] { true, true, true, false }, Bools(p | q));
        Assert.Equal(new[] { false, false, true, true }, Bools(!p));
        Assert.Equal(new[] { true, false, false, false }, Bools(p.logical_and(q)));
        Assert.Equal(new[] { true, true, true, false }, Bools(p.logical_or(q)));
        Assert.Equal(new[] { false, true, false, true }, Bools(q.logical_not()));
    }

    [Fact]
    public void IntegerArithmeticStaysIntegerButDivisionIsTrue()
    {
        using var scope = torch.NewDisposeScope();
        Tensor i = torch.tensor(new long[] { 1, 2, 7 });
        Tensor j = torch.tensor(new long[] { 2, 2, 2 });
        Tensor sum = i + j, prod = i * 3, quot = i / j;
        Assert.Equal(ScalarType.Int64, sum.dtype);
        Assert.Equal(new long[] { 3, 4, 9 }, sum.ToArray<long>());
        Assert.Equal(ScalarType.Int64, prod.dtype);
        Assert.Equal(new long[] { 3, 6, 21 }, prod.ToArray<long>());
        // `/` is true division (PyTorch's semantics): 7/2 = 3.5, not 3.
        Assert.Equal(ScalarType.Float32, quot.dtype);
        Approx.Equal(new[] { 0.5, 1, 3.5 }, quot);
        Tensor third = i / 2;
        Assert.Equal(ScalarType.Float32, third.dtype);
        Approx.Equal(new[] { 0.5, 1, 3.5 }, third);
    }

    [Fact]
    public void DtypePromotionFollowsPyTorchsRules()
    {
        using var scope = torch.NewDisposeScope();
        Tensor i64 = torch.tensor(new long[] { 1, 2 });
        Tensor i32 = torch.tensor(new[] { 1, 2 });
        Tensor f32 = torch.tensor(new float[] { 1, 2 });
        Tensor f64 = torch.tensor(new double[] { 1, 2 });
        Tensor u8 = torch.tensor(new byte[] { 1, 2 });
        Tensor i8 = torch.tensor(new sbyte[] { 1, 2 });
        Tensor b = torch.tensor(new[] { true, false });

        // Dimensioned tensors of one category: the wider type wins.
        Assert.Equal(ScalarType.Int64, (i32 + i64).dtype);
        Assert.Equal(ScalarType.Float64, (f32 + f64).dtype);
        // uint8 and int8: neither holds the other, so int16.
        Assert.Equal(ScalarType.Int16, (u8 + i8).dtype);
        // A higher category wins: int + float → float.
        Assert.Equal(ScalarType.Float32, (i64 + f32).dtype);
        Assert.Equal(ScalarType.Int64, (b + i64).dtype);
        // A scalar of a higher category gives the default float type, else it does not widen.
        Assert.Equal(ScalarType.Float32, (i64 + 2.5).dtype);
        Assert.Equal(ScalarType.Float32, (i32 * 0.5).dtype);
        Assert.Equal(ScalarType.Int32, (i32 + 5).dtype);
        Assert.Equal(ScalarType.Float32, (f32 + 1e300).dtype);
        Assert.Equal(ScalarType.Int64, (b + 1).dtype);
        // A 0-d tensor acts like a scalar: same category does not widen, higher category does.
        Tensor zeroDim64 = torch.tensor(1.5, dtype: torch.float64);
        Assert.Equal(ScalarType.Float32, (f32 + zeroDim64).dtype);
        Assert.Equal(ScalarType.Float64, (i64 + zeroDim64).dtype);
        // Comparisons compare in the promoted type: 1 (int) == 1.0 (float).
        Assert.Equal(new[] { true, true }, (i64.eq(f32)).ToArray<bool>());
        Approx.Equal(new[] { 2.5, 3.5 }, i64 + torch.tensor(new float[] { 1.5f, 1.5f }));
    }
}
