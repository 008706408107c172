using System.Globalization;
using GenCourse.Notebooks.Runner;
using GenCourse.Notebooks.Runner.Formatting;

namespace GenCourse.Notebooks.Tests.Runner.Formatting;

public class ValueFormatterTests
{
    private static List<string> Mimes(MimeBundle b) => b.Entries.Select(e => e.Key).ToList();

    [Fact]
    public void APngFormatterGivesBase64PngPlusTextFromToString()
    {
        MimeBundle bundle = ValueFormatter.Format(new PngFigure());
        Assert.Equal(["image/png", "text/plain"], Mimes(bundle));
        Assert.True(bundle.TryGet("image/png", out string png));
        Assert.Equal(PngSource.Png, png);
        Assert.True(bundle.TryGet("text/plain", out string text));
        Assert.Equal("a png figure", text);
    }

    [Fact]
    public void AllFormattersAreUsedWithTheTypesOwnTextPlain()
    {
        MimeBundle bundle = ValueFormatter.Format(new ManyFigure());
        // text/markdown declined (Format returned false), so it is absent.
        Assert.Equal(["image/svg+xml", "text/html", "text/plain"], Mimes(bundle));
        bundle.TryGet("text/plain", out string text);
        Assert.Equal("plain from formatter", text);
    }

    [Fact]
    public void PreferredMimeTypesAndRequestedMimeTypesNarrowTheOutput()
    {
        Assert.Equal(["text/html", "text/plain"], Mimes(ValueFormatter.Format(new PreferredFigure())));
        Assert.Equal(["image/svg+xml", "text/plain"], Mimes(ValueFormatter.Format(new PreferredFigure(), ["image/svg+xml"])));
        Assert.Equal(["text/plain"], Mimes(ValueFormatter.Format(new PngFigure(), ["text/plain"])));
    }

    [Fact]
    public void AFormattersTypeLimitsWhichValuesItFormats()
    {
        Assert.Equal(["text/html", "text/plain"], Mimes(ValueFormatter.Format(new SpecialShape())));
        Assert.Equal(["text/plain"], Mimes(ValueFormatter.Format(new Shape())));
    }

    [Fact]
    public void AskingForAMimeTypeNoFormatterProvidesIsAnError()
    {
        var e = Assert.Throws<InvalidOperationException>(() => ValueFormatter.Format(new PngFigure(), ["text/html"]));
        Assert.Equal("No formatter renders PngFigure as text/html. Its formatters provide: image/png.", e.Message);
        var plain = Assert.Throws<InvalidOperationException>(() => ValueFormatter.Format(42, ["image/png"]));
        Assert.Contains("carries no TypeFormatterSourceAttribute", plain.Message);
    }

    [Fact]
    public void PngThatIsNotPngIsRejected()
    {
        var e = Assert.Throws<InvalidOperationException>(() => ValueFormatter.Format(new NotReallyPng()));
        Assert.Contains("not a PNG file", e.Message);
    }

    [Fact]
    public void AFormatMethodWithAnotherSignatureIsRejectedWithTheReason()
    {
        var e = Assert.Throws<InvalidOperationException>(() => ValueFormatter.Format(new WrongSignature()));
        Assert.Contains("needs a public `bool Format(object value, TextWriter writer)` method", e.Message);
    }

    [Fact]
    public void StringsAndHtmlHaveFixedFormats()
    {
        Assert.Equal(["text/plain"], Mimes(ValueFormatter.Format("text")));
        MimeBundle html = ValueFormatter.Format(new HtmlContent("<b>x</b>"));
        Assert.Equal(["text/html", "text/plain"], Mimes(html));
        Assert.Equal(["text/plain"], Mimes(ValueFormatter.Format(null)));
    }

    [Fact]
    public void PlainTextIsInvariantAndShowsCollections()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo("de-DE");
        try
        {
            Assert.Equal("0.5", ValueFormatter.PlainText(0.5));
            Assert.Equal("[1.5, 2]", ValueFormatter.PlainText(new[] { 1.5, 2.0 }));
            Assert.Equal("[[1, 2], [3]]", ValueFormatter.PlainText(new List<int[]> { new[] { 1, 2 }, new[] { 3 } }));
            Assert.Equal("<null>", ValueFormatter.PlainText(null));
            Assert.Equal("[a, <null>]", ValueFormatter.PlainText(new[] { "a", null }));
            Assert.Equal(101, ValueFormatter.PlainText(Enumerable.Range(0, 500).ToList()).Split(", ").Length);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void ASmallTensorIsItsValuesUnderItsMetadataInAnyCulture()
    {
        CultureInfo previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            using Tensor t = torch.tensor(new double[] { 0.5, 1, 2, 3 }).reshape(2, 2);
            MimeBundle bundle = ValueFormatter.Format(t);
            Assert.Equal(["text/plain"], Mimes(bundle));   // not TorchSharp's own text/html
            Assert.True(bundle.TryGet("text/plain", out string text));
            Assert.Equal("[2x2], type = Float64, device = cpu\n 0.5 1\n   2 3", text);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void AScalarTensorIsItsValue()
    {
        using Tensor t = torch.tensor(2.5f, requires_grad: true);
        Assert.Equal("[], type = Float32, device = cpu, value = 2.5, requires_grad", ValueFormatter.PlainText(t));
    }

    [Fact]
    public void ALargeTensorIsItsMetadataRangeAndMean()
    {
        using Tensor t = torch.arange(0, 4096, dtype: ScalarType.Float32).reshape(4, 1, 32, 32);
        Assert.Equal("[4x1x32x32], type = Float32, device = cpu\nmin = 0, max = 4095, mean = 2047.5", ValueFormatter.PlainText(t));
        using Tensor labels = torch.arange(0, 1000, dtype: ScalarType.Int64);
        Assert.Equal("[1000], type = Int64, device = cpu\nmin = 0, max = 999", ValueFormatter.PlainText(labels));
    }

    [Fact]
    public void ADisposedTensorSaysSo()
    {
        Tensor t = torch.ones(2);
        t.Dispose();
        Assert.Equal("<disposed tensor>", ValueFormatter.PlainText(t));
    }

    [Fact]
    public void TensorsInAListAreEachFormatted()
    {
        using Tensor a = torch.tensor(new long[] { 1, 2 });
        Assert.Equal("[[2], type = Int64, device = cpu\n 1 2]", ValueFormatter.PlainText(new List<Tensor> { a }));
    }
}
