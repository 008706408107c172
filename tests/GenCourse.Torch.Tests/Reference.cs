namespace GenCourse.Torch.Tests;

/// <summary>
/// Plain-loop reference math, written from the textbook definitions, for the tests to compare
/// libtorch against. Nothing here calls libtorch.
/// </summary>
internal static class Reference
{
    /// <summary>erf by its Maclaurin series 2/√π Σ (−1)ⁿ x²ⁿ⁺¹ / (n!(2n+1)); exact to ~1e-13 for |x| ≤ 3.</summary>
    public static double Erf(double x)
    {
        if (Math.Abs(x) > 3) throw new ArgumentOutOfRangeException(nameof(x), "series used only for |x| <= 3");
        double sum = 0, term = x;
        for (int n = 0; n < 80; ++n)
        {
            sum += term / (2 * n + 1);
            term *= -x * x / (n + 1);
        }
        return 2 / Math.Sqrt(Math.PI) * sum;
    }

    public static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    /// <summary>Deterministic, irregular test values (no symmetry that could hide an indexing bug).</summary>
    public static double[] Values(int n, double scale = 1, int seed = 1)
    {
        var v = new double[n];
        for (int k = 0; k < n; ++k) v[k] = scale * Math.Sin(0.7 * (k + seed) + 0.3 * (k + seed) * (k + seed) % 5.0);
        return v;
    }

    /// <summary>Rounds to float32, as the tensor holds it.</summary>
    public static double[] AsFloat(double[] v) => Array.ConvertAll(v, x => (double)(float)x);

    public static float[] ToFloat(double[] v) => Array.ConvertAll(v, x => (float)x);

    /// <summary>y[n,o,i,j] = b[o] + Σ_{c,ki,kj} x[n, g·Cg + c, i·s − p + ki·d, j·s − p + kj·d] · w[o, c, ki, kj].</summary>
    public static double[] Conv2d(double[] x, int n, int cIn, int h, int w, double[] weight, int cOut, int kh, int kw,
        double[]? bias, int stride, int padding, int dilation, int groups, out int oh, out int ow)
    {
        oh = (h + 2 * padding - dilation * (kh - 1) - 1) / stride + 1;
        ow = (w + 2 * padding - dilation * (kw - 1) - 1) / stride + 1;
        int cg = cIn / groups, og = cOut / groups;
        var y = new double[n * cOut * oh * ow];
        for (int b = 0; b < n; ++b)
        for (int o = 0; o < cOut; ++o)
        for (int i = 0; i < oh; ++i)
        for (int j = 0; j < ow; ++j)
        {
            int g = o / og;
            double s = bias?[o] ?? 0;
            for (int c = 0; c < cg; ++c)
            for (int ki = 0; ki < kh; ++ki)
            for (int kj = 0; kj < kw; ++kj)
            {
                int yi = i * stride - padding + ki * dilation, xj = j * stride - padding + kj * dilation;
                if (yi < 0 || yi >= h || xj < 0 || xj >= w) continue;
                s += x[((b * cIn + g * cg + c) * h + yi) * w + xj] * weight[((o * cg + c) * kh + ki) * kw + kj];
            }
            y[((b * cOut + o) * oh + i) * ow + j] = s;
        }
        return y;
    }

    /// <summary>
    /// Transposed convolution as the scatter it is: every input pixel adds x·w into the output at
    /// (i·s − p + ki·d, j·s − p + kj·d); H_out = (H − 1)s − 2p + d(k − 1) + output_padding + 1.
    /// </summary>
    public static double[] ConvTranspose2d(double[] x, int n, int cIn, int h, int w, double[] weight, int cOut, int kh, int kw,
        double[]? bias, int stride, int padding, int outputPadding, int dilation, out int oh, out int ow)
    {
        oh = (h - 1) * stride - 2 * padding + dilation * (kh - 1) + outputPadding + 1;
        ow = (w - 1) * stride - 2 * padding + dilation * (kw - 1) + outputPadding + 1;
        var y = new double[n * cOut * oh * ow];
        for (int b = 0; b < n; ++b)
        for (int o = 0; o < cOut; ++o)
        for (int k = 0; k < oh * ow; ++k)
            y[(b * cOut + o) * oh * ow + k] = bias?[o] ?? 0;
        for (int b = 0; b < n; ++b)
        for (int c = 0; c < cIn; ++c)
        for (int i = 0; i < h; ++i)
        for (int j = 0; j < w; ++j)
        for (int o = 0; o < cOut; ++o)
        for (int ki = 0; ki < kh; ++ki)
        for (int kj = 0; kj < kw; ++kj)
        {
            int yi = i * stride - padding + ki * dilation, yj = j * stride - padding + kj * dilation;
            if (yi < 0 || yi >= oh || yj < 0 || yj >= ow) continue;
            y[((b * cOut + o) * oh + yi) * ow + yj] += x[((b * cIn + c) * h + i) * w + j] * weight[((c * cOut + o) * kh + ki) * kw + kj];
        }
        return y;
    }

    /// <summary>Matrix product of row-major [n, m] and [m, p].</summary>
    public static double[] MatMul(double[] a, double[] b, int n, int m, int p)
    {
        var c = new double[n * p];
        for (int i = 0; i < n; ++i)
        for (int j = 0; j < p; ++j)
        {
            double s = 0;
            for (int k = 0; k < m; ++k) s += a[i * m + k] * b[k * p + j];
            c[i * p + j] = s;
        }
        return c;
    }
}
