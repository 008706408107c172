namespace GenCourse.Torch.Tests;

/// <summary>
/// nn.functional's layers (linear, convolutions, pooling, resizing) against the naive loops of
/// their definitions in <see cref="Reference"/> and below.
/// </summary>
public class FunctionalTests
{
    private static Tensor T(double[] values, params long[] shape) => torch.tensor(Reference.ToFloat(values), shape);

    private static double[] V(int n, int seed) => Reference.AsFloat(Reference.Values(n, seed: seed));

    [Fact]
    public void LinearIsXTimesWTransposePlusB()
    {
        using var scope = torch.NewDisposeScope();
        double[] x = V(6, 1), w = V(12, 2), b = V(4, 3);
        var expected = new double[8];
        for (int n = 0; n < 2; ++n)
        for (int o = 0; o < 4; ++o)
        {
            expected[n * 4 + o] = b[o];
            for (int i = 0; i < 3; ++i) expected[n * 4 + o] += x[n * 3 + i] * w[o * 3 + i];
        }
        Approx.Equal(new long[] { 2, 4 }, expected, nn.functional.linear(T(x, 2, 3), T(w, 4, 3), T(b, 4)));
        double[] noBias = expected.Select((v, k) => v - b[k % 4]).ToArray();
        Approx.Equal(new long[] { 2, 4 }, noBias, nn.functional.linear(T(x, 2, 3), T(w, 4, 3)));
        // Leading dimensions are batch dimensions.
        Assert.Equal(new long[] { 5, 2, 4 }, nn.functional.linear(torch.zeros(5, 2, 3), T(w, 4, 3)).shape);
    }

    [Theory]
    [InlineData(1, 0, 1, 1)]
    [InlineData(2, 1, 1, 1)]
    [InlineData(1, 2, 2, 1)]
    [InlineData(1, 1, 1, 2)]
    [InlineData(3, 0, 1, 4)]
    public void Conv2dMatchesTheNaiveLoop(int stride, int padding, int dilation, int groups)
    {
        using var scope = torch.NewDisposeScope();
        int n = 2, cIn = 4, h = 7, w = 6, cOut = 8, k = 3;
        double[] x = V(n * cIn * h * w, 1), weight = V(cOut * (cIn / groups) * k * k, 2), bias = V(cOut, 3);
        double[] expected = Reference.Conv2d(x, n, cIn, h, w, weight, cOut, k, k, bias, stride, padding, dilation, groups, out int oh, out int ow);
        Tensor y = nn.functional.conv2d(T(x, n, cIn, h, w), T(weight, cOut, cIn / groups, k, k), T(bias, cOut),
            stride: stride, padding: padding, dilation: dilation, groups: groups);
        Approx.Equal(new long[] { n, cOut, oh, ow }, expected, y);
    }

    [Fact]
    public void Conv2dWithoutBiasAndWithListArguments()
    {
        using var scope = torch.NewDisposeScope();
        double[] x = V(1 * 2 * 5 * 5, 4), weight = V(3 * 2 * 2 * 2, 5);
        double[] expected = Reference.Conv2d(x, 1, 2, 5, 5, weight, 3, 2, 2, null, 2, 1, 1, 1, out int oh, out int ow);
        Tensor y = nn.functional.conv2d(T(x, 1, 2, 5, 5), T(weight, 3, 2, 2, 2), null, new long[] { 2, 2 }, new long[] { 1, 1 }, new long[] { 1, 1 });
        Approx.Equal(new long[] { 1, 3, oh, ow }, expected, y);
        // A 1×1 kernel of ones sums the channels.
        Tensor ones = torch.ones(1, 2, 1, 1);
        Tensor s = nn.functional.conv2d(T(x, 1, 2, 5, 5), ones);
        Approx.Equal(Enumerable.Range(0, 25).Select(p => x[p] + x[25 + p]).ToArray(), s);
    }

    [Theory]
    [InlineData(1, 0, 0, 1)]
    [InlineData(2, 1, 1, 1)]
    [InlineData(2, 0, 0, 2)]
    [InlineData(3, 1, 2, 1)]
    public void ConvTranspose2dMatchesTheNaiveScatter(int stride, int padding, int outputPadding, int dilation)
    {
        using var scope = torch.NewDisposeScope();
        int n = 2, cIn = 3, h = 4, w = 5, cOut = 2, k = 3;
        double[] x = V(n * cIn * h * w, 6), weight = V(cIn * cOut * k * k, 7), bias = V(cOut, 8);
        double[] expected = Reference.ConvTranspose2d(x, n, cIn, h, w, weight, cOut, k, k, bias, stride, padding, outputPadding, dilation, out int oh, out int ow);
        Tensor y = nn.functional.conv_transpose2d(T(x, n, cIn, h, w), T(weight, cIn, cOut, k, k), T(bias, cOut),
            stride: stride, padding: padding, output_padding: outputPadding, dilation: dilation);
        Approx.Equal(new long[] { n, cOut, oh, ow }, expected, y);
    }

    /// <summary>
    /// Pooling windows as ATen defines them: out = ⌊(H + 2p − k)/s⌋ + 1 (⌈⌉ in ceil mode, minus
    /// one if the last window would start in the padding). Max ignores padding; average divides
    /// by the window size clipped to H + p (count_include_pad) or to H.
    /// </summary>
    private static double[] Pool(double[] x, int nc, int h, int w, int k, int s, int p, bool ceil, bool max, bool countPad, out int oh, out int ow)
    {
        int Out(int size)
        {
            int span = size + 2 * p - k;
            int o = (ceil ? (span + s - 1) / s : span / s) + 1;
            if (ceil && (o - 1) * s >= size + p) o--;
            return o;
        }
        oh = Out(h);
        ow = Out(w);
        var y = new double[nc * oh * ow];
        for (int c = 0; c < nc; ++c)
        for (int i = 0; i < oh; ++i)
        for (int j = 0; j < ow; ++j)
        {
            int h0 = i * s - p, w0 = j * s - p;
            int h1 = Math.Min(h0 + k, h + p), w1 = Math.Min(w0 + k, w + p);
            int poolSize = (h1 - h0) * (w1 - w0);
            int hs = Math.Max(h0, 0), ws = Math.Max(w0, 0), he = Math.Min(h1, h), we = Math.Min(w1, w);
            double acc = max ? double.NegativeInfinity : 0;
            for (int a = hs; a < he; ++a)
            for (int b = ws; b < we; ++b)
            {
                double v = x[(c * h + a) * w + b];
                acc = max ? Math.Max(acc, v) : acc + v;
            }
            y[(c * oh + i) * ow + j] = max ? acc : acc / (countPad ? poolSize : (he - hs) * (we - ws));
        }
        return y;
    }

    [Theory]
    [InlineData(2, 2, 0, false)]
    [InlineData(3, 2, 1, false)]
    [InlineData(2, 2, 0, true)]
    [InlineData(3, 1, 1, false)]
    public void MaxPool2dTakesTheWindowMaximum(int k, int s, int p, bool ceil)
    {
        using var scope = torch.NewDisposeScope();
        double[] x = V(2 * 3 * 5 * 7, 11);
        double[] expected = Pool(x, 6, 5, 7, k, s, p, ceil, max: true, countPad: false, out int oh, out int ow);
        Approx.Equal(new long[] { 2, 3, oh, ow }, expected, nn.functional.max_pool2d(T(x, 2, 3, 5, 7), k, s, p, ceil_mode: ceil));
    }

    [Theory]
    [InlineData(2, 2, 0, false, true)]
    [InlineData(3, 2, 1, false, true)]
    [InlineData(3, 2, 1, false, false)]
    [InlineData(2, 2, 0, true, true)]
    [InlineData(3, 2, 1, true, false)]
    public void AvgPool2dTakesTheWindowMean(int k, int s, int p, bool ceil, bool countPad)
    {
        using var scope = torch.NewDisposeScope();
        double[] x = V(2 * 3 * 5 * 7, 12);
        double[] expected = Pool(x, 6, 5, 7, k, s, p, ceil, max: false, countPad, out int oh, out int ow);
        Approx.Equal(new long[] { 2, 3, oh, ow }, expected,
            nn.functional.avg_pool2d(T(x, 2, 3, 5, 7), k, s, p, ceil_mode: ceil, count_include_pad: countPad));
    }

    [Fact]
    public void PoolingDefaultStrideIsTheKernel()
    {
        using var scope = torch.NewDisposeScope();
        Tensor x = torch.arange(16.0, 32.0).view(1, 1, 4, 4);   // 16 … 31
        // Windows {16,17,20,21}, {18,19,22,23}, {24,25,28,29}, {26,27,30,31}.
        Approx.Equal(new long[] { 1, 1, 2, 2 }, new double[] { 21, 23, 29, 31 }, nn.functional.max_pool2d(x, 2));
        Approx.Equal(new long[] { 1, 1, 2, 2 }, new double[] { 18.5, 20.5, 26.5, 28.5 }, nn.functional.avg_pool2d(x, 2));
    }

    [Theory]
    [InlineData(5, 7, 3, 4)]
    [InlineData(4, 4, 2, 2)]
    [InlineData(5, 7, 1, 1)]
    [InlineData(3, 3, 5, 4)]
    public void AdaptiveAvgPool2dAveragesItsBins(int h, int w, int oh, int ow)
    {
        using var scope = torch.NewDisposeScope();
        double[] x = V(2 * h * w, 13);
        // Bin i covers [⌊iH/oh⌋, ⌈(i+1)H/oh⌉): bins overlap when oh does not divide H.
        var expected = new double[2 * oh * ow];
        for (int c = 0; c < 2; ++c)
        for (int i = 0; i < oh; ++i)
        for (int j = 0; j < ow; ++j)
        {
            int h0 = i * h / oh, h1 = ((i + 1) * h + oh - 1) / oh;
            int w0 = j * w / ow, w1 = ((j + 1) * w + ow - 1) / ow;
            double sum = 0;
            for (int a = h0; a < h1; ++a) for (int b = w0; b < w1; ++b) sum += x[(c * h + a) * w + b];
            expected[(c * oh + i) * ow + j] = sum / ((h1 - h0) * (w1 - w0));
        }
        Approx.Equal(new long[] { 1, 2, oh, ow }, expected, nn.functional.adaptive_avg_pool2d(T(x, 1, 2, h, w), new long[] { oh, ow }));
        if (oh == ow)
            Approx.Equal(expected, nn.functional.adaptive_avg_pool2d(T(x, 1, 2, h, w), oh));
    }

    private static readonly double[] Img = { 1, 2, 4, 8, 16, 32 };   // [1, 1, 2, 3]

    [Fact]
    public void NearestPicksTheSourcePixelAtFloorOfTheScaledIndex()
    {
        using var scope = torch.NewDisposeScope();
        Tensor x = T(Img, 1, 1, 2, 3);
        // scale 2: out[i, j] = in[⌊i/2⌋, ⌊j/2⌋]
        var up = new double[4 * 6];
        for (int i = 0; i < 4; ++i) for (int j = 0; j < 6; ++j) up[i * 6 + j] = Img[(i / 2) * 3 + j / 2];
        Approx.Equal(new long[] { 1, 1, 4, 6 }, up, nn.functional.interpolate(x, scale_factor: 2));
        // size [3, 5]: src = ⌊dst · in/out⌋ → rows 0,0,1 and columns 0,0,1,1,2
        int[] rows = { 0, 0, 1 }, cols = { 0, 0, 1, 1, 2 };
        var sized = new double[15];
        for (int i = 0; i < 3; ++i) for (int j = 0; j < 5; ++j) sized[i * 5 + j] = Img[rows[i] * 3 + cols[j]];
        Approx.Equal(new long[] { 1, 1, 3, 5 }, sized, nn.functional.interpolate(x, size: new long[] { 3, 5 }, mode: "nearest"));
    }

    /// <summary>Bilinear resize of the 2×3 image: src = (dst + ½)·in/out − ½ (clamped at 0), or dst·(in−1)/(out−1) with aligned corners.</summary>
    private static double[] Bilinear(int oh, int ow, bool alignCorners)
    {
        const int h = 2, w = 3;
        double Src(int dst, int inSize, int outSize) => alignCorners
            ? (outSize > 1 ? dst * (inSize - 1.0) / (outSize - 1) : 0)
            : Math.Max((dst + 0.5) * inSize / outSize - 0.5, 0);
        var y = new double[oh * ow];
        for (int i = 0; i < oh; ++i)
        for (int j = 0; j < ow; ++j)
        {
            double si = Src(i, h, oh), sj = Src(j, w, ow);
            int i0 = (int)Math.Floor(si), j0 = (int)Math.Floor(sj);
            int i1 = Math.Min(i0 + 1, h - 1), j1 = Math.Min(j0 + 1, w - 1);
            double li = si - i0, lj = sj - j0;
            y[i * ow + j] = (1 - li) * ((1 - lj) * Img[i0 * w + j0] + lj * Img[i0 * w + j1])
                          + li * ((1 - lj) * Img[i1 * w + j0] + lj * Img[i1 * w + j1]);
        }
        return y;
    }

    [Fact]
    public void BilinearInterpolatesBetweenTheFourNeighbours()
    {
        using var scope = torch.NewDisposeScope();
        Tensor x = T(Img, 1, 1, 2, 3);
        Approx.Equal(new long[] { 1, 1, 4, 5 }, Bilinear(4, 5, false), nn.functional.interpolate(x, size: new long[] { 4, 5 }, mode: "bilinear"));
        Approx.Equal(new long[] { 1, 1, 4, 5 }, Bilinear(4, 5, true),
            nn.functional.interpolate(x, size: new long[] { 4, 5 }, mode: "bilinear", align_corners: true));
        Approx.Equal(new long[] { 1, 1, 4, 6 }, Bilinear(4, 6, false), nn.functional.interpolate(x, scale_factor: 2, mode: "bilinear"));
        // Corners align exactly with align_corners: the 4 corners keep their values.
        double[] aligned = nn.functional.interpolate(x, size: new long[] { 5, 7 }, mode: "bilinear", align_corners: true).ToArray<double>();
        Assert.Equal(new double[] { 1, 4, 8, 32 }, new[] { aligned[0], aligned[6], aligned[28], aligned[34] });
    }
}
