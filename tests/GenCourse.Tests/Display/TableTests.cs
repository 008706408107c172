using System.Xml.Linq;
using GenCourse.Display;

namespace GenCourse.Tests.Display;

public class TableTests
{
    private static Table Results() => new Table("Test loss <after> 10 epochs", "model", "loss", "note")
        .AddRow("VAE", 105.593, "pytorch/examples config")
        .AddRow("β-VAE | β=4", 112.0, "<script>alert('x')</script> & \"quotes\"")
        .AddRow("AE*", double.NaN, null);

    [Fact]
    public void HtmlEscapesEveryTextAndRightAlignsNumbers()
    {
        string html = Results().ToHtml();
        Assert.DoesNotContain("<script>", html);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;", html);
        Assert.Contains("<caption>Test loss &lt;after&gt; 10 epochs</caption>", html);
        // it is well-formed: parse it as XML and read the cells back
        XElement table = XElement.Parse(html);
        var rows = table.Descendants("tr").Select(tr => tr.Elements().Select(c => c.Value).ToList()).ToList();
        Assert.Equal(["model", "loss", "note"], rows[0]);
        Assert.Equal(["VAE", "105.6", "pytorch/examples config"], rows[1]);
        Assert.Equal("<script>alert('x')</script> & \"quotes\"", rows[2][2]);
        Assert.Equal(["AE*", "NaN", ""], rows[3]);
        Assert.All(table.Descendants("td").Where((_, i) => i % 3 == 1), td => Assert.Equal("text-align:right", td.Attribute("style")!.Value));
    }

    [Fact]
    public void MarkdownEscapesPipesAndEmphasisAndAlignsColumns()
    {
        string md = Results().ToMarkdown();
        string[] lines = md.Split('\n');
        Assert.Equal(@"**Test loss \<after\> 10 epochs**", lines[0]);
        Assert.Equal("", lines[1]);
        Assert.Equal("| model | loss | note |", lines[2]);
        Assert.Equal("| :--- | ---: | :--- |", lines[3]);
        Assert.Equal("| VAE | 105.6 | pytorch/examples config |", lines[4]);
        Assert.Equal(@"| β-VAE \| β=4 | 112 | \<script\>alert('x')\</script\> & ""quotes"" |", lines[5]);
        Assert.Equal(@"| AE\* | NaN |  |", lines[6]);
        // every row has as many unescaped pipes as the header
        int Pipes(string l) => l.Replace(@"\|", "").Count(c => c == '|');
        Assert.All(lines.Skip(2).Where(l => l.Length > 0), l => Assert.Equal(4, Pipes(l)));
    }

    [Fact]
    public void PlainTextAlignsColumns()
    {
        string text = new Table("Results", "model", "FID").AddRow("DCGAN", 12.3456).AddRow("WGAN-GP", 8.0).ToText();
        Assert.Equal("Results\nmodel    FID\n-------  -----\nDCGAN    12.35\nWGAN-GP      8\n", text);
    }

    [Theory]
    [InlineData(105.593, "105.6")]
    [InlineData(0.0444, "0.0444")]
    [InlineData(0.22143, "0.2214")]
    [InlineData(12345.6, "12346")]
    [InlineData(3.0, "3")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(0.00001234, "1.234e-5")]
    [InlineData(double.PositiveInfinity, "∞")]
    public void NumbersKeepFourSignificantDigits(double value, string expected) => Assert.Equal(expected, Table.FormatNumber(value));

    private sealed record Run(string Model, int Epochs, double TestLoss);

    [Fact]
    public void RecordsBecomeRowsWithPropertyColumns()
    {
        var table = Table.FromRecords("Runs", new[] { new Run("VAE", 10, 105.59), new Run("IWAE", 100, 84.78) });
        Assert.Equal(["Model", "Epochs", "TestLoss"], table.Columns);
        Assert.Equal(2, table.RowCount);
        Assert.Equal("84.78", table[1, 2]);
    }

    [Fact]
    public void CsvQuotesFieldsThatNeedIt()
    {
        string csv = new Table("t", "a", "b").AddRow("x,y", "say \"hi\"").AddRow("plain", 1).ToCsv();
        Assert.Equal("a,b\r\n\"x,y\",\"say \"\"hi\"\"\"\r\nplain,1\r\n", csv);
    }

    [Fact]
    public void RowsMustMatchTheColumns()
    {
        var table = new Table("t", "a", "b");
        Assert.Contains("2 columns (a, b) but the row has 3 values", Assert.Throws<ArgumentException>(() => table.AddRow(1, 2, 3)).Message);
        Assert.Throws<ArgumentException>(() => new Table("t"));
        Assert.Throws<ArgumentException>(() => new Table("", "a"));
    }

    [Fact]
    public void SvgAndPngShowTheCells()
    {
        Table table = Results();
        XDocument doc = Svg.Parse(table.ToSvg());
        List<string> texts = Svg.Texts(doc);
        Assert.Contains("<script>alert('x')</script> & \"quotes\"", texts);
        Assert.Contains("105.6", texts);
        DecodedPng png = PngCheck.Validate(table.ToPng(), "table");
        Assert.True(png.Width > 200 && png.Height > 60);
    }

    [Fact]
    public void SaveChoosesTheFormatByExtension()
    {
        string dir = Path.Combine(PngCheck.OutputFolder, "table-save");
        Table table = Results();
        foreach (string ext in new[] { "html", "md", "txt", "csv", "svg", "png" }) table.Save(Path.Combine(dir, "results." + ext));
        Assert.Equal(table.ToMarkdown(), File.ReadAllText(Path.Combine(dir, "results.md")));
        PngCheck.AssertFileValid(Path.Combine(dir, "results.png"));
        Assert.Throws<ArgumentException>(() => table.Save(Path.Combine(dir, "results.xlsx")));
        Assert.Equal(6, Directory.GetFiles(dir).Length);
    }
}
