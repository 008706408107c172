using System.Globalization;

namespace GenCourse.Display;

/// <summary>An sRGB colour with 8 bits per channel.</summary>
public readonly record struct Color(byte R, byte G, byte B)
{
    public static readonly Color White = new(255, 255, 255);
    public static readonly Color Black = new(0, 0, 0);

    /// <summary>Parses <c>#RRGGBB</c> (the leading <c>#</c> is optional).</summary>
    public static Color FromHex(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        string h = hex.StartsWith('#') ? hex[1..] : hex;
        if (h.Length != 6 || !int.TryParse(h, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int v))
            throw new ArgumentException($"'{hex}' is not a colour: write it as #RRGGBB, e.g. #0072B2.", nameof(hex));
        return new Color((byte)(v >> 16), (byte)(v >> 8), (byte)v);
    }

    /// <summary><c>#RRGGBB</c>, upper case.</summary>
    public string Hex => $"#{R:X2}{G:X2}{B:X2}";

    /// <summary>Relative luminance (ITU-R BT.709 weights on the gamma-encoded values), 0–1.</summary>
    public double Luminance => (0.2126 * R + 0.7152 * G + 0.0722 * B) / 255.0;

    /// <summary>(1 − t)·a + t·b per channel, t clamped to [0, 1].</summary>
    public static Color Lerp(Color a, Color b, double t)
    {
        t = Math.Clamp(t, 0.0, 1.0);
        return new Color(Mix(a.R, b.R, t), Mix(a.G, b.G, t), Mix(a.B, b.B, t));
    }

    private static byte Mix(byte a, byte b, double t) => (byte)Math.Round(a + (b - a) * t);

    public override string ToString() => Hex;
}
