using GenCourse.Autoencoders;
using static GenCourse.Tests.Autoencoders.Numerics;

namespace GenCourse.Tests.Autoencoders;

public class ContractivePenaltyTests
{
    /// <summary>‖J‖²_F of each row of x by central differences of the encoder: column i of J is (h(x + εe_i) − h(x − εe_i)) / 2ε.</summary>
    private static double[] FiniteDifferenceJacobianNorms(Func<Tensor, Tensor> encoder, Tensor x, double eps = 1e-6)
    {
        long b = x.size(0), d = x.size(1);
        double[] x0 = Values(x);
        var norms = new double[b];
        for (int s = 0; s < b; ++s)
            for (int i = 0; i < d; ++i)
            {
                double[] plus = (double[])x0.Clone(), minus = (double[])x0.Clone();
                plus[s * d + i] += eps;
                minus[s * d + i] -= eps;
                using var scope = torch.NewDisposeScope();
                double[] hp = Values(encoder(Tensor64(plus, b, d))), hm = Values(encoder(Tensor64(minus, b, d)));
                long k = hp.Length / b;
                for (long j = 0; j < k; ++j)
                {
                    double dhdx = (hp[s * k + j] - hm[s * k + j]) / (2 * eps);
                    norms[s] += dhdx * dhdx;
                }
            }
        return norms;
    }

    [Fact]
    public void ClosedFormEqualsAutogradEqualsFiniteDifferencesForASigmoidLayer()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(11);
        Tensor w = torch.randn(new long[] { 4, 6 }, ScalarType.Float64);
        Tensor bias = torch.randn(new long[] { 4 }, ScalarType.Float64);
        Tensor x = torch.randn(new long[] { 3, 6 }, ScalarType.Float64);
        Tensor Encoder(Tensor input) => nn.functional.linear(input, w, bias).sigmoid();   // h = σ(Wx + b)

        double[] closed = Values(ContractivePenalty.ClosedForm(Encoder(x), w));
        double[] exact = Values(ContractivePenalty.Autograd(Encoder, x));
        double[] numeric = FiniteDifferenceJacobianNorms(Encoder, x);

        Close(exact, closed, 1e-12, 1e-14);
        Close(numeric, exact, 1e-7, 1e-10);
        Assert.All(closed, v => Assert.True(v > 1e-3));   // not trivially zero
    }

    [Fact]
    public void AutogradMatchesFiniteDifferencesForADeeperEncoder()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(12);
        Tensor w1 = torch.randn(new long[] { 7, 5 }, ScalarType.Float64), b1 = torch.randn(new long[] { 7 }, ScalarType.Float64);
        Tensor w2 = torch.randn(new long[] { 3, 7 }, ScalarType.Float64), b2 = torch.randn(new long[] { 3 }, ScalarType.Float64);
        Tensor Encoder(Tensor input) => nn.functional.linear(nn.functional.linear(input, w1, b1).tanh(), w2, b2);
        Tensor x = torch.randn(new long[] { 4, 5 }, ScalarType.Float64);

        Close(FiniteDifferenceJacobianNorms(Encoder, x), Values(ContractivePenalty.Autograd(Encoder, x)), 1e-7, 1e-10);
    }

    [Fact]
    public void ThePenaltysGradientWithRespectToTheWeightsAgreesAcrossForms()
    {
        // Training differentiates the penalty itself (double backward for the autograd form).
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(13);
        Tensor w = torch.randn(new long[] { 3, 5 }, ScalarType.Float64).requires_grad_();
        Tensor bias = torch.randn(new long[] { 3 }, ScalarType.Float64);
        Tensor x = torch.randn(new long[] { 4, 5 }, ScalarType.Float64);

        Tensor Penalty(Tensor weight, bool closedForm)
        {
            Tensor Encoder(Tensor input) => nn.functional.linear(input, weight, bias).sigmoid();
            return closedForm
                ? ContractivePenalty.ClosedForm(Encoder(x), weight).mean()
                : ContractivePenalty.Autograd(Encoder, x, createGraph: true).mean();
        }

        double[] viaClosed = Values(Autograd.Grad(Penalty(w, closedForm: true), w));
        double[] viaAutograd = Values(Autograd.Grad(Penalty(w, closedForm: false), w));
        double[] numeric = Gradient(weight => Scalar(Penalty(weight, closedForm: true)), w.detach());

        Close(viaClosed, viaAutograd, 1e-10, 1e-12);
        Close(numeric, viaClosed, 1e-6, 1e-9);
    }

    [Fact]
    public void TheJacobiansSingularValuesSquareToItsNormAndTheLargestMatchesPowerIteration()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(14);
        Tensor w = torch.randn(new long[] { 5, 9 }, ScalarType.Float64);
        Tensor h = nn.functional.linear(torch.randn(new long[] { 3, 9 }, ScalarType.Float64), w).sigmoid();
        Tensor sigma = ContractivePenalty.SigmoidJacobianSingularValues(h, w);          // [3, 5], largest first
        Assert.Equal(new long[] { 3, 5 }, sigma.shape);
        Close(Values(ContractivePenalty.ClosedForm(h, w)), Values(sigma.square().sum(1)), 1e-10, 1e-14);

        // σ_max of J = diag(h(1 − h)) W for sample 0 by power iteration on JᵀJ.
        Tensor j = (h[0] * (1 - h[0])).unsqueeze(1) * w;                                 // [5, 9]
        Tensor v = torch.ones(new long[] { 9 }, ScalarType.Float64);
        for (int it = 0; it < 500; ++it)
        {
            Tensor next = torch.matmul(j.t(), torch.matmul(j, v));
            v = next / next.norm();
        }
        double sigmaMax = Scalar(torch.matmul(j, v).norm());
        Assert.Equal(sigmaMax, Values(sigma)[0], 1e-9 * sigmaMax);
        double[] row = Values(sigma).Take(5).ToArray();
        for (int k = 1; k < 5; ++k) Assert.True(row[k - 1] >= row[k]);
    }

    [Fact]
    public void WithoutCreateGraphTheResultCarriesNoGraph()
    {
        using var scope = torch.NewDisposeScope();
        Tensor w = torch.randn(new long[] { 3, 5 }, ScalarType.Float64).requires_grad_();
        Tensor x = torch.randn(new long[] { 2, 5 }, ScalarType.Float64);
        Tensor norms = ContractivePenalty.Autograd(input => nn.functional.linear(input, w).sigmoid(), x);
        Assert.False(norms.requires_grad);
        Assert.False(x.requires_grad);
    }

    [Fact]
    public void BadArgumentsSayWhatIsWrong()
    {
        using var scope = torch.NewDisposeScope();
        Tensor x = torch.randn(2, 5);
        Tensor h = torch.rand(2, 3);
        var noGrad = Assert.Throws<ArgumentException>(() => ContractivePenalty.FromGraph(h, x, createGraph: false));
        Assert.Contains("require grad", noGrad.Message);
        var shapes = Assert.Throws<ArgumentException>(() => ContractivePenalty.ClosedForm(h, torch.randn(4, 5)));
        Assert.Contains("W [k, D]", shapes.Message);
    }
}
