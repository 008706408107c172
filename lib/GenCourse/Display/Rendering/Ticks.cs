using System.Globalization;

namespace GenCourse.Display.Rendering;

/// <summary>A tick on an axis: its data value, its label ("" for an unlabelled minor tick).</summary>
internal readonly record struct Tick(double Value, string Label, bool Major = true);

/// <summary>
/// Axis ticks at "nice" numbers: linear steps of 1, 2 or 5 × 10^k (Heckbert, "Nice numbers for
/// graph labels", Graphics Gems, 1990), logarithmic ticks at powers of ten.
/// </summary>
internal static class Ticks
{
    /// <summary>The smallest 1-, 2- or 5×10^k step that cuts <paramref name="span"/> into at most about <paramref name="target"/> parts.</summary>
    public static double NiceStep(double span, int target)
    {
        if (!(span > 0) || !double.IsFinite(span)) throw new ArgumentException($"A tick span must be positive and finite, got {span}.");
        double raw = span / Math.Max(1, target);
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double residual = raw / magnitude;
        double nice = residual <= 1 ? 1 : residual <= 2 ? 2 : residual <= 5 ? 5 : 10;
        return nice * magnitude;
    }

    /// <summary>
    /// Ticks at multiples of a nice step inside [min, max]; with <paramref name="integers"/> the
    /// step is at least 1 (for steps, epochs, counts).
    /// </summary>
    public static List<Tick> Linear(double min, double max, int target, bool integers = false)
    {
        // a finer step when the range holds fewer than two ticks
        for (int t = Math.Max(1, target); ; t++)
        {
            List<Tick> ticks = LinearWithTarget(min, max, t, integers);
            if (ticks.Count >= 2 || t >= target + 8) return ticks;
        }
    }

    private static List<Tick> LinearWithTarget(double min, double max, int target, bool integers)
    {
        double step = NiceStep(max - min, target);
        if (integers) step = Math.Max(step, 1);
        var ticks = new List<Tick>();
        long first = (long)Math.Ceiling(min / step - 1e-9), last = (long)Math.Floor(max / step + 1e-9);
        for (long i = first; i <= last; ++i)
        {
            double v = i * step;
            ticks.Add(new Tick(v, Format(v, step)));
        }
        return ticks;
    }

    /// <summary>
    /// Log-scale ticks: labelled powers of ten (every k-th when there are many decades) and
    /// unlabelled 2…9 × 10^k in between; when fewer than two powers of ten fall inside, 2× and
    /// 5× are labelled too (1-2-5), and as a last resort linear ticks are used.
    /// </summary>
    public static List<Tick> Log10(double min, double max)
    {
        if (!(min > 0) || !(max > min)) throw new ArgumentException($"Log ticks need 0 < min < max, got [{min}, {max}].");
        int kLo = (int)Math.Floor(Math.Log10(min)), kHi = (int)Math.Ceiling(Math.Log10(max));
        int powersInside = 0;
        for (int k = kLo; k <= kHi; ++k) if (Inside(Math.Pow(10, k), min, max)) powersInside++;
        bool labelTwoFive = powersInside < 2;
        int every = Math.Max(1, (int)Math.Ceiling(powersInside / 8.0));
        var ticks = new List<Tick>();
        for (int k = kLo; k <= kHi; ++k)
        {
            double p = Math.Pow(10, k);
            for (int m = 1; m <= 9; ++m)
            {
                double v = m * p;
                if (!Inside(v, min, max)) continue;
                bool labelled = m == 1 ? ((k % every) + every) % every == 0 : labelTwoFive && (m == 2 || m == 5);
                if (every > 1 && m > 1) continue;   // many decades: no minor ticks between powers
                ticks.Add(new Tick(v, labelled ? FormatPower(m, k) : "", labelled));
            }
        }
        if (ticks.Count(t => t.Major) < 2) return Linear(min, max, 4);
        return ticks;
    }

    private static bool Inside(double v, double min, double max) => v >= min * (1 - 1e-9) && v <= max * (1 + 1e-9);

    /// <summary>m·10^k as plain decimals between 0.0001 and 100000, otherwise as "me−k".</summary>
    public static string FormatPower(int m, int k)
    {
        if (k >= -4 && k <= 5) return Minus((m * Math.Pow(10, k)).ToString("0.####", CultureInfo.InvariantCulture));
        return Minus($"{m}e{k}");
    }

    /// <summary>
    /// A tick label with as many decimals as the step needs; exponent form for very large or
    /// very small magnitudes. Negative numbers use the minus sign U+2212.
    /// </summary>
    public static string Format(double v, double step)
    {
        if (Math.Abs(v) < step * 1e-6) return "0";
        double magnitude = Math.Max(Math.Abs(v), step);
        if (magnitude >= 1e6 || magnitude < 1e-4)
        {
            int expV = (int)Math.Floor(Math.Log10(Math.Abs(v))), expStep = (int)Math.Floor(Math.Log10(step) + 1e-9);
            int digits = Math.Clamp(expV - expStep, 0, 10);
            string mantissa = (v / Math.Pow(10, expV)).ToString("0." + new string('0', digits), CultureInfo.InvariantCulture).TrimEnd('.');
            return Minus($"{mantissa}e{expV}");
        }
        int decimals = Math.Clamp(-(int)Math.Floor(Math.Log10(step) + 1e-9), 0, 12);
        return Minus(v.ToString("F" + decimals, CultureInfo.InvariantCulture));
    }

    private static string Minus(string s) => s.Replace('-', '\u2212');

    /// <summary>[min, max] widened by <paramref name="fraction"/> of its span each side (a unit span around a single value).</summary>
    public static (double Lo, double Hi) Padded(double min, double max, double fraction)
    {
        if (max > min)
        {
            double pad = (max - min) * fraction;
            return (min - pad, max + pad);
        }
        double half = min == 0 ? 1 : Math.Abs(min) * 0.1;
        return (min - half, max + half);
    }

    /// <summary>The log-space analogue of <see cref="Padded"/>: factors of 10^(fraction·decades).</summary>
    public static (double Lo, double Hi) PaddedLog(double min, double max, double fraction)
    {
        double decades = Math.Log10(max / min);
        double f = Math.Pow(10, decades > 0 ? decades * fraction : 0.1);
        return (min / f, max * f);
    }
}
