using System.Globalization;

namespace GenCourse.Torch.Modules;

/// <summary>Numbers printed as Python prints them, so module print-outs read like PyTorch's.</summary>
internal static class PyFormat
{
    /// <summary>Python's repr of a float: 0.1, 2.0, 1e-05.</summary>
    internal static string Float(double v)
    {
        double a = Math.Abs(v);
        if (a != 0 && (a < 1e-4 || a >= 1e16))
        {
            string s = v.ToString("0.################e-00", CultureInfo.InvariantCulture);
            return s;
        }
        string r = v.ToString("R", CultureInfo.InvariantCulture);
        return r.Contains('.') || r.Contains('E') || r.Contains('N') || r.Contains('∞') ? r : r + ".0";
    }

    /// <summary>A Python tuple of integers: (4,) or (3, 4).</summary>
    internal static string Tuple(IEnumerable<long> values)
    {
        string[] items = values.Select(v => v.ToString(CultureInfo.InvariantCulture)).ToArray();
        return items.Length == 1 ? $"({items[0]},)" : $"({string.Join(", ", items)})";
    }

    /// <summary>Python's True/False.</summary>
    internal static string Bool(bool b) => b ? "True" : "False";
}
