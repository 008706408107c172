using GenCourse.Display;

namespace GenCourse.Tests.Display;

public class PaletteTests
{
    [Fact]
    public void ViridisRunsFromDarkPurpleToYellowThroughItsKnots()
    {
        Assert.Equal(Color.FromHex("#440154"), Palette.Viridis(0));
        Assert.Equal(Color.FromHex("#21918C"), Palette.Viridis(0.5));
        Assert.Equal(Color.FromHex("#FDE725"), Palette.Viridis(1));
        Assert.Equal(Palette.Viridis(1), Palette.Viridis(7));     // clamped
        // t = 1/32 lies a quarter of the way from knot 0 (#440154) to knot 1 (#472D7B):
        // R 68 + 0.25·3 = 68.75, G 1 + 0.25·44 = 12, B 84 + 0.25·39 = 93.75
        Assert.Equal(new Color(69, 12, 94), Palette.Viridis(1.0 / 32));
        Assert.Throws<ArgumentException>(() => Palette.Viridis(double.NaN));
    }

    [Fact]
    public void QualitativeColoursComeFromOkabeItoThenTableau()
    {
        Assert.Equal(["#0072B2", "#E69F00", "#009E73"], Palette.Qualitative(3).Select(c => c.Hex));
        Assert.Equal(8, Palette.Qualitative(8).Distinct().Count());
        Assert.Equal(Palette.Tableau10, Palette.Qualitative(10));
        Assert.Equal(Palette.Tableau10[0], Palette.Qualitative(12)[10]);
    }

    [Fact]
    public void ColoursParseFromHex()
    {
        Assert.Equal(new Color(0, 114, 178), Color.FromHex("#0072B2"));
        Assert.Equal(new Color(0, 114, 178), Color.FromHex("0072b2"));
        Assert.Equal("#0072B2", new Color(0, 114, 178).Hex);
        Assert.Contains("#RRGGBB", Assert.Throws<ArgumentException>(() => Color.FromHex("blue")).Message);
        Assert.Equal(new Color(128, 128, 128), Color.Lerp(Color.Black, Color.White, 0.5));   // 127.5 rounds to even
    }
}
