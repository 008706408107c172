using GenCourse.Checkpoints;
using System.Globalization;
using System.Reflection;
using System.Text;
using GenCourse.Display.Rendering;

namespace GenCourse.Display;

/// <summary>
/// A titled table of results. Shows inline as HTML (with a plain-text copy); also writes
/// Markdown, CSV, SVG and PNG. Numbers print with invariant culture and four significant digits
/// (whole numbers in full), and numeric columns are right-aligned.
/// </summary>
[TypeFormatterSource(typeof(MimeFormatterSource<Table>), PreferredMimeTypes = new[] { Mime.Html, Mime.Plain })]
public sealed class Table : IMimeFormattable
{
    private const double CellPadX = 8, CellPadY = 5, Margin = 10, TitleGap = 8;
    private static readonly Color HeaderFill = Color.FromHex("#EDEDED"), StripeFill = Color.FromHex("#F7F7F7");

    private readonly List<string[]> rows = [];
    private readonly List<bool[]> numeric = [];

    /// <param name="title">What the table holds, e.g. "Test loss after 10 epochs".</param>
    /// <param name="columns">Column headers.</param>
    public Table(string title, params string[] columns)
    {
        Title = Guard.Text(title, nameof(title), "title");
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Length == 0) throw new ArgumentException("A table needs at least one column: new Table(\"title\", \"column 1\", \"column 2\").", nameof(columns));
        for (int j = 0; j < columns.Length; ++j)
            if (string.IsNullOrWhiteSpace(columns[j])) throw new ArgumentException($"Column {j} has no header; give every column a name.", nameof(columns));
        Columns = (string[])columns.Clone();
    }

    public string Title { get; }
    public IReadOnlyList<string> Columns { get; }
    public int RowCount => rows.Count;

    /// <summary>The text of a cell as printed.</summary>
    public string this[int row, int column] => rows[row][column];

    /// <summary>Appends a row: one value per column (numbers, strings, anything with ToString; null prints empty).</summary>
    public Table AddRow(params object?[] cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Length != Columns.Count)
            throw new ArgumentException($"The table '{Title}' has {Columns.Count} columns ({string.Join(", ", Columns)}) but the row has {cells.Length} values.", nameof(cells));
        rows.Add(cells.Select(FormatCell).ToArray());
        numeric.Add(cells.Select(c => c is double or float or decimal or int or long or short or byte or sbyte or uint or ulong or ushort or Half).ToArray());
        return this;
    }

    /// <summary>One row per item, one column per public property, in declaration order (records read well here).</summary>
    public static Table FromRecords<T>(string title, IEnumerable<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        PropertyInfo[] props = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0).OrderBy(p => p.MetadataToken).ToArray();
        if (props.Length == 0) throw new ArgumentException($"{typeof(T).Name} has no public properties to make columns of.", nameof(items));
        var table = new Table(title, props.Select(p => p.Name).ToArray());
        foreach (T item in items) table.AddRow(props.Select(p => item is null ? null : p.GetValue(item)).ToArray());
        return table;
    }

    /// <summary>
    /// Invariant culture; whole numbers in full; other numbers to four significant digits
    /// (at least all integer digits), exponent form below 0.0001; NaN and ±∞ by name.
    /// </summary>
    public static string FormatNumber(double v)
    {
        if (double.IsNaN(v)) return "NaN";
        if (double.IsInfinity(v)) return v > 0 ? "∞" : "-∞";
        if (v == Math.Round(v) && Math.Abs(v) < 1e15) return v.ToString("0", CultureInfo.InvariantCulture);
        double a = Math.Abs(v);
        if (a < 1e-4) return v.ToString("0.###e0", CultureInfo.InvariantCulture);
        int integerDigits = (int)Math.Floor(Math.Log10(a)) + 1;
        int decimals = Math.Clamp(4 - integerDigits, 0, 15);
        return v.ToString("0." + new string('#', decimals), CultureInfo.InvariantCulture);
    }

    private static string FormatCell(object? cell) => cell switch
    {
        null => "",
        double d => FormatNumber(d),
        float f => FormatNumber(f),
        Half h => FormatNumber((double)h),
        bool b => b ? "true" : "false",
        IFormattable x => x.ToString(null, CultureInfo.InvariantCulture),
        _ => cell.ToString() ?? "",
    };

    private bool IsNumericColumn(int j) => rows.Count > 0 && Enumerable.Range(0, rows.Count).All(i => numeric[i][j] || rows[i][j].Length == 0);

    /// <summary>An HTML &lt;table&gt; with the title as its caption, every text escaped; no scripts, no external styles.</summary>
    public string ToHtml()
    {
        var sb = new StringBuilder();
        sb.Append("<table>\n  <caption>").Append(Html(Title)).Append("</caption>\n  <thead>\n    <tr>");
        for (int j = 0; j < Columns.Count; ++j) sb.Append(Open("th", j)).Append(Html(Columns[j])).Append("</th>");
        sb.Append("</tr>\n  </thead>\n  <tbody>\n");
        foreach (string[] row in rows)
        {
            sb.Append("    <tr>");
            for (int j = 0; j < row.Length; ++j) sb.Append(Open("td", j)).Append(Html(row[j])).Append("</td>");
            sb.Append("</tr>\n");
        }
        sb.Append("  </tbody>\n</table>\n");
        return sb.ToString();

        string Open(string tag, int j) => IsNumericColumn(j) ? $"<{tag} style=\"text-align:right\">" : $"<{tag}>";
    }

    /// <summary>Escapes &amp; &lt; &gt; " ' and turns line breaks into &lt;br&gt;.</summary>
    internal static string Html(string text) =>
        text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;").Replace("'", "&#39;")
            .Replace("\r\n", "\n").Replace("\n", "<br>");

    /// <summary>A GitHub-flavoured Markdown table under the title in bold.</summary>
    public string ToMarkdown()
    {
        var sb = new StringBuilder();
        sb.Append("**").Append(Markdown(Title)).Append("**\n\n|");
        foreach (string c in Columns) sb.Append(' ').Append(Markdown(c)).Append(" |");
        sb.Append("\n|");
        for (int j = 0; j < Columns.Count; ++j) sb.Append(IsNumericColumn(j) ? " ---: |" : " :--- |");
        sb.Append('\n');
        foreach (string[] row in rows)
        {
            sb.Append('|');
            foreach (string c in row) sb.Append(' ').Append(Markdown(c)).Append(" |");
            sb.Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>
    /// Backslash-escapes the characters that Markdown would read as syntax inside a table cell
    /// (\ ` * _ [ ] &lt; &gt; |) and turns line breaks into &lt;br&gt;.
    /// </summary>
    internal static string Markdown(string text)
    {
        var sb = new StringBuilder(text.Length + 8);
        foreach (char c in text.Replace("\r\n", "\n"))
        {
            if (c == '\n') sb.Append("<br>");
            else if ("\\`*_[]<>|".Contains(c)) sb.Append('\\').Append(c);
            else sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>Plain text: the title, then aligned columns under a rule of dashes.</summary>
    public string ToText()
    {
        int[] widths = Enumerable.Range(0, Columns.Count)
            .Select(j => rows.Select(r => OneLine(r[j]).Length).Append(Columns[j].Length).Max()).ToArray();
        var sb = new StringBuilder();
        sb.Append(Title).Append('\n');
        AppendRow(sb, Columns.ToArray(), widths, header: true);
        sb.Append(string.Join("  ", widths.Select(w => new string('-', w)))).Append('\n');
        foreach (string[] row in rows) AppendRow(sb, row, widths, header: false);
        return sb.ToString();
    }

    private void AppendRow(StringBuilder sb, string[] cells, int[] widths, bool header)
    {
        var parts = new string[cells.Length];
        for (int j = 0; j < cells.Length; ++j)
        {
            string c = OneLine(cells[j]);
            parts[j] = IsNumericColumn(j) && !header ? c.PadLeft(widths[j]) : c.PadRight(widths[j]);
        }
        sb.Append(string.Join("  ", parts).TrimEnd()).Append('\n');
    }

    private static string OneLine(string s) => s.Replace("\r\n", " ").Replace('\n', ' ');

    /// <summary>RFC 4180 CSV: a header row, then the rows; fields with a comma, quote or line break are quoted.</summary>
    public string ToCsv()
    {
        var sb = new StringBuilder();
        sb.Append(string.Join(",", Columns.Select(Csv))).Append("\r\n");
        foreach (string[] row in rows) sb.Append(string.Join(",", row.Select(Csv))).Append("\r\n");
        return sb.ToString();

        static string Csv(string f) => f.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + f.Replace("\"", "\"\"") + "\"" : f;
    }

    /// <summary>The table drawn as an SVG image.</summary>
    public string ToSvg()
    {
        var (w, h) = Measure(SvgTextMetrics.Instance);
        var s = new SvgSurface(w, h, Title);
        Render(s);
        return s.ToSvg();
    }

    /// <summary>The table drawn as a PNG image.</summary>
    public byte[] ToPng()
    {
        var (w, h) = Measure(RasterTextMetrics.Instance);
        var s = new RasterSurface(w, h, supersample: 1);
        Render(s);
        return s.ToPng();
    }

    private double[] ColumnWidths(TextMetrics m) => Enumerable.Range(0, Columns.Count)
        .Select(j => rows.Select(r => m.Width(OneLine(r[j]), TextRole.Legend)).Append(m.Width(Columns[j], TextRole.Legend)).Max() + 2 * CellPadX)
        .ToArray();

    private double RowHeight(TextMetrics m) => Math.Ceiling(m.Height(TextRole.Legend) + 2 * CellPadY);

    private (int Width, int Height) Measure(TextMetrics m)
    {
        double tableWidth = ColumnWidths(m).Sum();
        double width = Math.Max(tableWidth, m.Width(Title, TextRole.Title)) + 2 * Margin;
        double height = Margin + m.Height(TextRole.Title) + TitleGap + (rows.Count + 1) * RowHeight(m) + Margin;
        return ((int)Math.Ceiling(width), (int)Math.Ceiling(height));
    }

    private void Render(Surface s)
    {
        TextMetrics m = s.Metrics;
        double[] widths = ColumnWidths(m);
        double rowH = RowHeight(m), top = Margin + m.Height(TextRole.Title) + TitleGap, left = Margin;
        s.BeginGroup("title");
        s.Text(Title, left, Margin, TextRole.Title, Color.Black, HAlign.Left, VAlign.Top);
        s.EndGroup();
        s.FillRect(new Rect(left, top, widths.Sum(), rowH), HeaderFill);
        for (int i = 2; i <= rows.Count; i += 2) s.FillRect(new Rect(left, top + i * rowH, widths.Sum(), rowH), StripeFill);
        for (int i = 0; i <= rows.Count; ++i)
        {
            string[] cells = i == 0 ? Columns.ToArray() : rows[i - 1];
            double x = left, cy = top + i * rowH + rowH / 2;
            for (int j = 0; j < cells.Length; ++j)
            {
                bool right = i > 0 && IsNumericColumn(j);
                s.Text(OneLine(cells[j]), right ? x + widths[j] - CellPadX : x + CellPadX, cy, TextRole.Legend, i == 0 ? Color.Black : PlotFrame.Ink,
                    right ? HAlign.Right : HAlign.Left, VAlign.Middle);
                x += widths[j];
            }
        }
        s.Line(new PointD(left, top + rowH), new PointD(left + widths.Sum(), top + rowH), PlotFrame.Ink, 1);
        s.Line(new PointD(left, top + (rows.Count + 1) * rowH), new PointD(left + widths.Sum(), top + (rows.Count + 1) * rowH), PlotFrame.Ink, 1);
    }

    /// <summary>
    /// Saves by extension: .html, .md, .txt, .csv, .svg or .png, written atomically
    /// (a temporary file, then a rename).
    /// </summary>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        byte[] bytes = Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".html" or ".htm" => Encoding.UTF8.GetBytes(ToHtml()),
            ".md" => Encoding.UTF8.GetBytes(ToMarkdown()),
            ".txt" => Encoding.UTF8.GetBytes(ToText()),
            ".csv" => Encoding.UTF8.GetBytes(ToCsv()),
            ".svg" => Encoding.UTF8.GetBytes(ToSvg()),
            ".png" => ToPng(),
            _ => throw new ArgumentException($"Cannot tell which format to write for '{path}': save a table as .html, .md, .txt, .csv, .svg or .png.", nameof(path)),
        };
        AtomicFile.WriteAllBytes(path, bytes);
    }

    public override string ToString() => ToText();

    static IReadOnlyList<string> IMimeFormattable.MimeTypes { get; } = [Mime.Html, Mime.Plain, Mime.Markdown, Mime.Svg, Mime.Png];

    bool IMimeFormattable.WriteMime(string mimeType, TextWriter writer)
    {
        switch (mimeType)
        {
            case Mime.Html: writer.Write(ToHtml()); return true;
            case Mime.Plain: writer.Write(ToText()); return true;
            case Mime.Markdown: writer.Write(ToMarkdown()); return true;
            case Mime.Svg: writer.Write(ToSvg()); return true;
            case Mime.Png: writer.Write(Convert.ToBase64String(ToPng())); return true;
            default: return false;
        }
    }
}
