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
}
