namespace GenCourse.Display;

/// <summary>The colours the figures use: qualitative palettes for series and classes, viridis for values.</summary>
public static class Palette
{
    /// <summary>
    /// Okabe–Ito, in the authors' order: black, orange, sky blue, bluish green, yellow, blue,
    /// vermillion, reddish purple. Source: M. Okabe and K. Ito, "Color Universal Design (CUD):
    /// How to make figures and presentations that are friendly to colorblind people" (2008).
    /// </summary>
    public static IReadOnlyList<Color> OkabeIto { get; } =
    [
        Color.FromHex("#000000"), Color.FromHex("#E69F00"), Color.FromHex("#56B4E9"), Color.FromHex("#009E73"),
        Color.FromHex("#F0E442"), Color.FromHex("#0072B2"), Color.FromHex("#D55E00"), Color.FromHex("#CC79A7"),
    ];

    /// <summary>
    /// Tableau 10, the 2016 redesign by Maureen Stone for Tableau (the same values as d3's
    /// <c>schemeTableau10</c>): ten hues chosen to stay apart under the common colour-vision deficiencies.
    /// </summary>
    public static IReadOnlyList<Color> Tableau10 { get; } =
    [
        Color.FromHex("#4E79A7"), Color.FromHex("#F28E2B"), Color.FromHex("#E15759"), Color.FromHex("#76B7B2"),
        Color.FromHex("#59A14F"), Color.FromHex("#EDC948"), Color.FromHex("#B07AA1"), Color.FromHex("#FF9DA7"),
        Color.FromHex("#9C755F"), Color.FromHex("#BAB0AC"),
    ];

    // Okabe–Ito reordered for lines on white: the darker, more distinct hues first; yellow last
    // because a thin yellow line on white is hard to see.
    private static readonly Color[] SeriesOrder =
    [
        OkabeIto[5], OkabeIto[1], OkabeIto[3], OkabeIto[6], OkabeIto[7], OkabeIto[2], OkabeIto[0], OkabeIto[4],
    ];

    /// <summary>
    /// Colours for <paramref name="count"/> series or classes: Okabe–Ito (blue, orange, green,
    /// vermillion, purple, sky blue, black, yellow) up to 8, Tableau 10 for 9 or 10, and
    /// Tableau 10 repeated beyond that (the figures then vary the marker shape too).
    /// </summary>
    public static IReadOnlyList<Color> Qualitative(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var result = new Color[count];
        for (int i = 0; i < count; ++i)
            result[i] = count <= SeriesOrder.Length ? SeriesOrder[i] : Tableau10[i % Tableau10.Count];
        return result;
    }

    // viridis (S. van der Walt and N. Smith, matplotlib's default colormap since 2.0) sampled at
    // 9 evenly spaced points; linear interpolation between them stays within a couple of levels
    // of the full 256-entry table.
    private static readonly Color[] ViridisKnots =
    [
        Color.FromHex("#440154"), Color.FromHex("#472D7B"), Color.FromHex("#3B528B"), Color.FromHex("#2C728E"),
        Color.FromHex("#21918C"), Color.FromHex("#28AE80"), Color.FromHex("#5EC962"), Color.FromHex("#ADDC30"),
        Color.FromHex("#FDE725"),
    ];

    /// <summary>The viridis colour at <paramref name="t"/> ∈ [0, 1] (clamped): dark purple at 0, yellow at 1.</summary>
    public static Color Viridis(double t)
    {
        if (double.IsNaN(t)) throw new ArgumentException("Viridis needs a number in [0, 1], got NaN.", nameof(t));
        double u = Math.Clamp(t, 0.0, 1.0) * (ViridisKnots.Length - 1);
        int i = Math.Min((int)u, ViridisKnots.Length - 2);
        return Color.Lerp(ViridisKnots[i], ViridisKnots[i + 1], u - i);
    }
}
