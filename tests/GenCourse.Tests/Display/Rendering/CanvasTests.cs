using GenCourse.Display;
using GenCourse.Display.Rendering;

namespace GenCourse.Tests.Display.Rendering;

public class CanvasTests
{
    private static byte Red(byte[] rgb, int width, int x, int y) => rgb[(y * width + x) * 3];

    [Fact]
    public void PartialCoverageBecomesTheAverageOfSubpixels()
    {
        var canvas = new Canvas(4, 1, supersample: 4, Color.White);
        canvas.FillRect(0.5, 0, 1, 1, Color.Black);   // half of pixel 0, half of pixel 1
        byte[] rgb = canvas.ToRgb();
        // 8 of 16 subpixels black: (8·255 + 8) / 16 = 128 (rounded half up)
        Assert.Equal([128, 128, 255, 255], Enumerable.Range(0, 4).Select(x => Red(rgb, 4, x, 0)));
    }

    [Fact]
    public void ASegmentCoversPixelsWithinHalfItsWidth()
    {
        var canvas = new Canvas(12, 10, supersample: 1, Color.White);
        canvas.Segment(2, 5, 10, 5, 2, Color.Black);
        byte[] rgb = canvas.ToRgb();
        // pixel centres at y = 4.5 and 5.5 are 0.5 from the line (≤ 1); 3.5 and 6.5 are 1.5 away
        Assert.Equal([255, 0, 0, 255], new[] { 3, 4, 5, 6 }.Select(y => Red(rgb, 12, 6, y)));
        // round cap: pixel (1, 5)'s centre is 0.71 from the end point (2, 5), inside; pixel (0, 5)'s is 1.58, outside
        Assert.Equal(255, Red(rgb, 12, 0, 5));
        Assert.Equal(0, Red(rgb, 12, 1, 5));
    }

    [Fact]
    public void ADiscCoversAboutPiRSquared()
    {
        var canvas = new Canvas(30, 30, supersample: 4, Color.White);
        canvas.Disc(15, 15, 10, Color.Black);
        byte[] rgb = canvas.ToRgb();
        double covered = Enumerable.Range(0, 30 * 30).Sum(i => (255 - rgb[i * 3]) / 255.0);
        Assert.Equal(Math.PI * 100, covered, 314 * 0.01);
    }

    [Fact]
    public void TextDrawsTheGlyphBitmapAndVerticalTextTurnsItLeft()
    {
        ulong a = BitmapFont.Glyph('A');
        var flat = new Canvas(5, 9, supersample: 2, Color.White);
        flat.Text("A", 0, 0, 1, Color.Black);
        var turned = new Canvas(9, 5, supersample: 2, Color.White);
        turned.Text("A", 0, 0, 1, Color.Black, vertical: true);
        byte[] f = flat.ToRgb(), t = turned.ToRgb();
        for (int row = 0; row < 9; ++row)
            for (int col = 0; col < 5; ++col)
            {
                byte ink = BitmapFont.Ink(a, col, row) ? (byte)0 : (byte)255;
                Assert.Equal(ink, Red(f, 5, col, row));
                // 90° counter-clockwise: glyph column c ends up on row 4 − c, glyph row r on column r
                Assert.Equal(ink, Red(t, 9, row, 4 - col));
            }
    }

    [Fact]
    public void PixelsAreCopiedOneToOne()
    {
        var canvas = new Canvas(3, 2, supersample: 3, Color.White);
        canvas.Pixels(1, 0, 2, 2, [10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120]);
        byte[] rgb = canvas.ToRgb();
        Assert.Equal([255, 255, 255, 10, 20, 30, 40, 50, 60], rgb[..9]);
        Assert.Equal([70, 80, 90, 100, 110, 120], rgb[12..]);
    }
}
