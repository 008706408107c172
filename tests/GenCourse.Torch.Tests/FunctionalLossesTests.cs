namespace GenCourse.Torch.Tests;

/// <summary>
/// Losses against their formulas, each with PyTorch's three reductions: "none" keeps the
/// elementwise terms, "sum" adds them, "mean" divides the sum by the number of terms (or, for
/// class-weighted losses, by the sum of the weights of the targets).
/// </summary>
public class FunctionalLossesTests
{
    private const double Tol = 1e-12;

    private static Tensor T(double[] values, params long[] shape) => torch.tensor(values, shape);

    private static void CheckReductions(double[] terms, long[] shape, Func<string, Tensor> loss, double? meanDivisor = null)
    {
        Approx.Equal(shape, terms, loss("none"), Tol);
        Approx.Equal(terms.Sum(), loss("sum"), Tol);
        Approx.Equal(terms.Sum() / (meanDivisor ?? terms.Length), loss("mean"), Tol);
    }

    private static readonly double[] Input = { 0.5, -1.25, 2, 0.1, 3, -0.7 };
    private static readonly double[] Target = { 1, 0.5, -2, 0.1, 2.5, 0 };

    [Fact]
    public void MseLoss()
    {
        using var scope = torch.NewDisposeScope();
        double[] terms = Input.Zip(Target, (x, t) => (x - t) * (x - t)).ToArray();
        CheckReductions(terms, new long[] { 2, 3 }, r => nn.functional.mse_loss(T(Input, 2, 3), T(Target, 2, 3), r));
        Approx.Equal(terms.Average(), nn.functional.mse_loss(T(Input, 2, 3), T(Target, 2, 3)), Tol);
    }

    [Fact]
    public void L1Loss()
    {
        using var scope = torch.NewDisposeScope();
        double[] terms = Input.Zip(Target, (x, t) => Math.Abs(x - t)).ToArray();
        CheckReductions(terms, new long[] { 6 }, r => nn.functional.l1_loss(T(Input, 6), T(Target, 6), r));
    }

    private static readonly double[] Prob = { 0.9, 0.2, 0.5, 0.01, 0.7 };
    private static readonly double[] Label = { 1, 0, 1, 0, 0.3 };

    [Fact]
    public void BinaryCrossEntropy()
    {
        using var scope = torch.NewDisposeScope();
        // −[t·log p + (1 − t)·log(1 − p)], optionally times a per-element weight
        double[] terms = Prob.Zip(Label, (p, t) => -(t * Math.Log(p) + (1 - t) * Math.Log(1 - p))).ToArray();
        CheckReductions(terms, new long[] { 5 }, r => nn.functional.binary_cross_entropy(T(Prob, 5), T(Label, 5), reduction: r));
        double[] w = { 1, 2, 0.5, 3, 0 };
        double[] weighted = terms.Zip(w, (a, b) => a * b).ToArray();
        CheckReductions(weighted, new long[] { 5 }, r => nn.functional.binary_cross_entropy(T(Prob, 5), T(Label, 5), T(w, 5), r));
    }

    [Fact]
    public void BinaryCrossEntropyClampsTheLogAtMinus100()
    {
        using var scope = torch.NewDisposeScope();
        // p = 0 with t = 1: −log 0 = ∞, but PyTorch clamps log to ≥ −100, so the loss is 100.
        Tensor l = nn.functional.binary_cross_entropy(T(new double[] { 0, 1 }, 2), T(new double[] { 1, 0 }, 2), reduction: "none");
        Approx.Equal(new double[] { 100, 100 }, l, Tol);
    }

    private static readonly double[] Logit = { 2.5, -1, 0, 30, -30, 0.4 };
    private static readonly double[] Bit = { 1, 0, 1, 0, 0, 0.25 };

    [Fact]
    public void BinaryCrossEntropyWithLogits()
    {
        using var scope = torch.NewDisposeScope();
        // −[t·log σ(x) + (1 − t)·log(1 − σ(x))] = max(x, 0) − x·t + log(1 + e^(−|x|)), stable at |x| = 30
        double[] terms = Logit.Zip(Bit, (x, t) => Math.Max(x, 0) - x * t + Math.Log(1 + Math.Exp(-Math.Abs(x)))).ToArray();
        CheckReductions(terms, new long[] { 2, 3 }, r => nn.functional.binary_cross_entropy_with_logits(T(Logit, 2, 3), T(Bit, 2, 3), reduction: r));
        // x = 30, t = 0: ≈ 30 (the naive −log(1 − σ(30)) would be −log(0) in float32).
        Assert.Equal(30, terms[3], 6);

        // pos_weight multiplies the positive term: −[w·t·log σ(x) + (1 − t)·log(1 − σ(x))], per class (last dim).
        double[] pw = { 2, 0.5, 3 };
        double LogSig(double x) => -(Math.Max(-x, 0) + Math.Log(1 + Math.Exp(-Math.Abs(x))));
        double[] posTerms = Logit.Select((x, k) => -(pw[k % 3] * Bit[k] * LogSig(x) + (1 - Bit[k]) * LogSig(-x))).ToArray();
        CheckReductions(posTerms, new long[] { 2, 3 },
            r => nn.functional.binary_cross_entropy_with_logits(T(Logit, 2, 3), T(Bit, 2, 3), pos_weight: T(pw, 3), reduction: r));
        double[] w = { 1, 0, 2 };
        CheckReductions(terms.Select((v, k) => v * w[k % 3]).ToArray(), new long[] { 2, 3 },
            r => nn.functional.binary_cross_entropy_with_logits(T(Logit, 2, 3), T(Bit, 2, 3), weight: T(w, 3), reduction: r));
    }

    // 3 samples × 4 classes
    private static readonly double[] Scores = { 1, 2, 0.5, -1, 0, 0, 0, 3, -2, 4, 1, 1 };
    private static readonly long[] Classes = { 1, 3, 0 };

    private static double LogSoftmax(double[] rowMajor, int row, int cls, int classes)
    {
        double[] r = rowMajor.Skip(row * classes).Take(classes).ToArray();
        double m = r.Max();
        return r[cls] - m - Math.Log(r.Sum(v => Math.Exp(v - m)));
    }

    [Fact]
    public void CrossEntropyIsMinusLogSoftmaxOfTheTarget()
    {
        using var scope = torch.NewDisposeScope();
        double[] terms = Classes.Select((c, i) => -LogSoftmax(Scores, i, (int)c, 4)).ToArray();
        CheckReductions(terms, new long[] { 3 }, r => nn.functional.cross_entropy(T(Scores, 3, 4), torch.tensor(Classes), reduction: r));
        // nll_loss on log_softmax is the same thing.
        CheckReductions(terms, new long[] { 3 }, r => nn.functional.nll_loss(T(Scores, 3, 4).log_softmax(1), torch.tensor(Classes), reduction: r));
    }

    [Fact]
    public void WeightedMeanDividesByTheTargetsWeights()
    {
        using var scope = torch.NewDisposeScope();
        double[] w = { 0.5, 2, 1, 3 };
        double[] terms = Classes.Select((c, i) => -w[c] * LogSoftmax(Scores, i, (int)c, 4)).ToArray();
        double weightSum = Classes.Sum(c => w[c]);
        CheckReductions(terms, new long[] { 3 },
            r => nn.functional.cross_entropy(T(Scores, 3, 4), torch.tensor(Classes), T(w, 4), reduction: r), weightSum);
        CheckReductions(terms, new long[] { 3 },
            r => nn.functional.nll_loss(T(Scores, 3, 4).log_softmax(1), torch.tensor(Classes), T(w, 4), reduction: r), weightSum);
    }

    [Fact]
    public void IgnoredTargetsCountForNothing()
    {
        using var scope = torch.NewDisposeScope();
        long[] classes = { 1, -100, 0 };
        double[] terms = { -LogSoftmax(Scores, 0, 1, 4), 0, -LogSoftmax(Scores, 2, 0, 4) };
        CheckReductions(terms, new long[] { 3 }, r => nn.functional.cross_entropy(T(Scores, 3, 4), torch.tensor(classes), reduction: r), meanDivisor: 2);
        long[] withFive = { 1, 3, 3 };
        double[] terms3 = { -LogSoftmax(Scores, 0, 1, 4), 0, 0 };
        CheckReductions(terms3, new long[] { 3 },
            r => nn.functional.nll_loss(T(Scores, 3, 4).log_softmax(1), torch.tensor(withFive), reduction: r, ignore_index: 3), meanDivisor: 1);
    }

    [Fact]
    public void LabelSmoothingMixesInTheUniformDistribution()
    {
        using var scope = torch.NewDisposeScope();
        // With ε: (1 − ε)·(−log p_y) + ε·(1/C)·Σ_c (−log p_c)
        const double eps = 0.2;
        double[] terms = Classes.Select((c, i) =>
            (1 - eps) * -LogSoftmax(Scores, i, (int)c, 4) + eps / 4 * Enumerable.Range(0, 4).Sum(k => -LogSoftmax(Scores, i, k, 4))).ToArray();
        CheckReductions(terms, new long[] { 3 },
            r => nn.functional.cross_entropy(T(Scores, 3, 4), torch.tensor(Classes), reduction: r, label_smoothing: eps));
    }

    [Fact]
    public void CrossEntropyOverSpatialMaps()
    {
        using var scope = torch.NewDisposeScope();
        // [N=1, C=3, H=2, W=2] scores with a [1, 2, 2] class map: each pixel is its own sample.
        double[] s = Reference.Values(12, 2, seed: 4);
        long[] map = { 2, 0, 1, 1 };
        double[] terms = new double[4];
        for (int p = 0; p < 4; ++p)
        {
            double[] pixel = { s[p], s[4 + p], s[8 + p] };
            terms[p] = -LogSoftmax(pixel, 0, (int)map[p], 3);
        }
        CheckReductions(terms, new long[] { 1, 2, 2 }, r => nn.functional.cross_entropy(T(s, 1, 3, 2, 2), torch.tensor(map, new long[] { 1, 2, 2 }), reduction: r));
        CheckReductions(terms, new long[] { 1, 2, 2 },
            r => nn.functional.nll_loss(T(s, 1, 3, 2, 2).log_softmax(1), torch.tensor(map, new long[] { 1, 2, 2 }), reduction: r));
    }

    [Fact]
    public void KlDivergence()
    {
        using var scope = torch.NewDisposeScope();
        // Pointwise target·(log target − input) with input = log q; a zero target contributes 0.
        double[] q = { 0.2, 0.3, 0.5, 0.6, 0.3, 0.1 };
        double[] p = { 0.1, 0.1, 0.8, 0, 0.5, 0.5 };
        double[] logQ = q.Select(v => Math.Log(v)).ToArray();
        double[] terms = p.Zip(logQ, (t, lq) => t == 0 ? 0 : t * (Math.Log(t) - lq)).ToArray();
        CheckReductions(terms, new long[] { 2, 3 }, r => nn.functional.kl_div(T(logQ, 2, 3), T(p, 2, 3), r));
        // batchmean: the sum over everything divided by the batch size = mean KL per sample.
        Approx.Equal(terms.Sum() / 2, nn.functional.kl_div(T(logQ, 2, 3), T(p, 2, 3), "batchmean"), Tol);
        // log_target: the target is given as log p.
        double[] q2 = { 0.25, 0.25, 0.5 }, p2 = { 0.5, 0.3, 0.2 };
        double kl = p2.Zip(q2, (a, b) => a * Math.Log(a / b)).Sum();
        Approx.Equal(kl, nn.functional.kl_div(T(q2.Select(v => Math.Log(v)).ToArray(), 1, 3), T(p2.Select(v => Math.Log(v)).ToArray(), 1, 3), "sum", log_target: true), Tol);
    }
}
