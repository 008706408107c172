using GenCourse.Display.Rendering;

namespace GenCourse.Tests.Display.Rendering;

public class BitmapFontTests
{
    private static IEnumerable<char> Printable => Enumerable.Range(32, 95).Select(i => (char)i);

    private static bool InkInRows(char c, int from, int to)
    {
        ulong g = BitmapFont.Glyph(c);
        for (int row = from; row <= to; ++row)
            for (int col = 0; col < BitmapFont.GlyphWidth; ++col)
                if (BitmapFont.Ink(g, col, row)) return true;
        return false;
    }

    [Fact]
    public void EveryPrintableAsciiCharacterHasItsOwnGlyph()
    {
        Assert.All(Printable, c => Assert.True(BitmapFont.Covers(c)));
        Assert.Equal(0UL, BitmapFont.Glyph(' '));
        Assert.All(Printable.Skip(1), c => Assert.NotEqual(0UL, BitmapFont.Glyph(c)));
        Assert.Equal(95, Printable.Select(BitmapFont.Glyph).Distinct().Count());
        Assert.All(Printable, c => Assert.True(BitmapFont.Glyph(c) < 1UL << 45, $"'{c}' spills out of 5×9"));
    }

    [Fact]
    public void OnlyDescendersReachBelowTheBaseline()
    {
        string below = new(Printable.Where(c => InkInRows(c, 7, 8)).ToArray());
        Assert.Equal(",;_gjpqy|", below);
        Assert.True(InkInRows('β', 7, 8) && InkInRows('μ', 7, 8) && InkInRows('₁', 7, 8));
    }

    [Fact]
    public void CapitalsAndDigitsFillTheCapHeight()
    {
        foreach (char c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        {
            Assert.True(InkInRows(c, 0, 0), $"'{c}' should reach the top row");
            Assert.True(InkInRows(c, 6, 6), $"'{c}' should sit on the baseline");
        }
    }

    [Fact]
    public void UnknownCharactersAreDrawnAsABox()
    {
        Assert.False(BitmapFont.Covers('☃'));
        Assert.Equal(BitmapFont.Glyph('\uFFFD'), BitmapFont.Glyph('☃'));
        Assert.True(BitmapFont.Covers('σ') && BitmapFont.Covers('−') && BitmapFont.Covers('²'));
    }

    [Fact]
    public void TextWidthIsSixPixelsPerCharacterLessTheLastGap() =>
        Assert.Equal((3 * 6 - 1) * 2, BitmapFont.MeasureWidth("abc", 2));
}
