using GenCourse.Display;

namespace GenCourse.Tests.Display;

public class ImageGridTests
{
    // torchvision's save_image rounding: ⌊255·t + 0.5⌋ with t clamped to [0, 1]
    private static byte Level(double t) => (byte)Math.Floor(255 * Math.Clamp(t, 0, 1) + 0.5);

    private static void AssertImageAt(DecodedPng png, ImageGrid grid, int index, Func<int, int, int, byte> expected)
    {
        var (x0, y0, w, h) = grid.ImageBounds(index);
        Assert.Equal((grid.ImageWidth * grid.Scale, grid.ImageHeight * grid.Scale), (w, h));
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x)
            {
                var (r, g, b) = png.Rgb(x0 + x, y0 + y);
                int iy = y / grid.Scale, ix = x / grid.Scale;
                Assert.Equal((expected(0, iy, ix), expected(1, iy, ix), expected(2, iy, ix)), (r, g, b));
            }
    }

    [Fact]
    public void ZeroOneGreyPixelsLandInTheirCellsScaled()
    {
        const int N = 3, H = 2, W = 3;
        var v = new float[N * H * W];
        for (int i = 0; i < v.Length; ++i) v[i] = i / (float)(v.Length - 1);   // 0 … 1
        using var images = torch.tensor(v, [N, 1, H, W]);
        var grid = new ImageGrid("ramp", images, columns: 2, scale: 3, padding: 2);

        DecodedPng png = PngCheck.Validate(grid.ToPng(), "grid-zero-one");
        Assert.Equal(0, png.ColorType);   // grey images, black text on white: 8-bit grey
        for (int k = 0; k < N; ++k)
            AssertImageAt(png, grid, k, (c, y, x) => Level(v[(k * H + y) * W + x]));

        // layout: row-major, cells W·scale wide with `padding` white pixels between them
        var b0 = grid.ImageBounds(0);
        Assert.Equal(b0.X + W * 3 + 2, grid.ImageBounds(1).X);
        Assert.Equal((b0.X, b0.Y + H * 3 + 2), (grid.ImageBounds(2).X, grid.ImageBounds(2).Y));
        Assert.Equal((255, 255, 255), png.Rgb(b0.X + W * 3, b0.Y));   // the gap between images 0 and 1
        Assert.Equal((2, 2), (grid.Rows, grid.Columns));
        Assert.Equal(0, grid.ClampedValues);
    }

    [Fact]
    public void MinusOneOneRgbMapsHalfwayToMidGrey()
    {
        const int N = 2, H = 2, W = 2;
        float[] v =
        [
            -1, 0, 1, 0.5f,     -0.5f, 0.25f, 1, -1,     0, 0, 0, 0,     // image 0: R, G, B planes
            1, 1, -1, -1,       0.9f, -0.9f, 0.1f, -0.1f, -1, 1, -1, 1, // image 1
        ];
        using var images = torch.tensor(v, [N, 3, H, W]);
        var grid = new ImageGrid("tanh outputs", images, scale: 2, range: ImageRange.MinusOneOne);

        DecodedPng png = PngCheck.Validate(grid.ToPng(), "grid-minus-one-one");
        Assert.Equal(2, png.ColorType);
        for (int k = 0; k < N; ++k)
            AssertImageAt(png, grid, k, (c, y, x) => Level((v[((k * 3 + c) * H + y) * W + x] + 1) / 2));
        Assert.Equal(128, Level(0.5));
    }

    [Fact]
    public void OutOfRangeValuesAreClampedAndCounted()
    {
        float[] v = [1.5f, -0.25f, 0.5f, 1f];
        var grid = new ImageGrid("clamped", v, 1, 1, 2, 2, scale: 1);
        DecodedPng png = PngCheck.Validate(grid.ToPng(), "grid-clamped");
        AssertImageAt(png, grid, 0, (c, y, x) => new byte[] { 255, 0, 128, 255 }[y * 2 + x]);
        Assert.Equal(2, grid.ClampedValues);
        Assert.Contains("2 values outside the range were clamped", grid.ToString());
    }

    [Fact]
    public void MinMaxStretchesTheBatchAndPerImageStretchesEach()
    {
        float[] v = [2, 4, 6, 3,    10, 20, 30, 40];   // two 2×2 images
        var batch = new ImageGrid("batch", v, 2, 1, 2, 2, scale: 1, range: ImageRange.MinMax);
        var each = new ImageGrid("each", v, 2, 1, 2, 2, scale: 1, range: ImageRange.MinMaxPerImage);
        DecodedPng pb = PngCheck.Validate(batch.ToPng(), "grid-minmax"), pe = PngCheck.Validate(each.ToPng(), "grid-minmax-each");
        // batch: t = (v − 2)/(40 − 2); each: t = (v − min_k)/(max_k − min_k)
        AssertImageAt(pb, batch, 1, (c, y, x) => Level((v[4 + y * 2 + x] - 2) / 38.0));
        AssertImageAt(pe, each, 0, (c, y, x) => Level((v[y * 2 + x] - 2) / 4.0));
        AssertImageAt(pe, each, 1, (c, y, x) => Level((v[4 + y * 2 + x] - 10) / 30.0));
    }

    [Fact]
    public void Uint8TensorsAreReadAsBytes()
    {
        using var images = torch.tensor(new byte[] { 0, 17, 200, 255 }, [1, 1, 2, 2]);
        var grid = new ImageGrid("bytes", images, scale: 1, range: ImageRange.MinusOneOne);
        DecodedPng png = PngCheck.Validate(grid.ToPng(), "grid-uint8");
        AssertImageAt(png, grid, 0, (c, y, x) => new byte[] { 0, 17, 200, 255 }[y * 2 + x]);
        Assert.Null(grid.Range);
    }

    [Fact]
    public void BadInputGetsAMessageSayingWhatToDo()
    {
        using var flat = torch.zeros(784);
        Assert.Contains("view(-1, 1, 28, 28)", Assert.Throws<ArgumentException>(() => new ImageGrid("t", flat)).Message);
        using var twoChannels = torch.zeros(4, 2, 8, 8);
        Assert.Contains("C = 2", Assert.Throws<ArgumentException>(() => new ImageGrid("t", twoChannels)).Message);
        float[] nan = [0, float.NaN, 0, 0, 0, 0, 0, 0];
        Assert.Contains("Image 0", Assert.Throws<ArgumentException>(() => new ImageGrid("t", nan, 2, 1, 2, 2)).Message);
        float[] ok = new float[8];
        Assert.Contains("one caption per image", Assert.Throws<ArgumentException>(() => new ImageGrid("t", ok, 2, 1, 2, 2, captions: ["a"])).Message);
        Assert.Contains("one label per row", Assert.Throws<ArgumentException>(() => new ImageGrid("t", ok, 2, 1, 2, 2, columns: 1, rowLabels: ["a"])).Message);
        Assert.Contains("title", Assert.Throws<ArgumentException>(() => new ImageGrid(" ", ok, 2, 1, 2, 2)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ImageGrid("t", ok, 2, 1, 2, 2, scale: 0));
    }

    [Fact]
    public void SvgEmbedsEachImageAsAPngAndTheTextsAsText()
    {
        const int N = 4, H = 3, W = 3;
        var v = new float[N * H * W];
        for (int i = 0; i < v.Length; ++i) v[i] = (i % 7) / 6f;
        var grid = new ImageGrid("Samples & <friends>", v, N, 1, H, W, columns: 2, scale: 4,
            captions: ["zero", "one", "a caption much too long for a 12-pixel cell", "three"], rowLabels: ["real", "fake"]);
        var doc = Svg.Parse(grid.ToSvg());

        List<string> texts = Svg.Texts(doc);
        Assert.Contains("Samples & <friends>", texts);
        Assert.Contains("real", texts);
        Assert.Contains(texts, t => t.EndsWith('…') && "a caption much too long".StartsWith(t[..^1], StringComparison.Ordinal));
        var images = doc.Descendants(Svg.Ns + "image").ToList();
        Assert.Equal(N, images.Count);
        for (int k = 0; k < N; ++k)
        {
            var (x, y, w, h) = grid.ImageBounds(k);
            Assert.Equal((x, y, w, h), ((int)Svg.Num(images[k], "x"), (int)Svg.Num(images[k], "y"), (int)Svg.Num(images[k], "width"), (int)Svg.Num(images[k], "height")));
            string href = images[k].Attribute("href")!.Value;
            Assert.StartsWith("data:image/png;base64,", href);
            DecodedPng embedded = PngCheck.Validate(Convert.FromBase64String(href["data:image/png;base64,".Length..]), $"grid-svg-embedded-{k}");
            Assert.Equal((w, h), (embedded.Width, embedded.Height));
            Assert.Equal(Level(v[k * H * W + 1]), embedded.Rgb(1 * 4, 0).R);   // image pixel (0, 1) → screen x 4–7
        }
    }
}
