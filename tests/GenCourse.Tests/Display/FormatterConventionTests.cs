using System.Collections;
using System.Linq.Expressions;
using System.Reflection;
using System.Xml.Linq;
using GenCourse.Display;

namespace GenCourse.Tests.Display;

/// <summary>
/// Discovers the formatters the way .NET Interactive's Formatter.TryRegisterFromFormatterSources
/// does for a type without the real attribute: by attribute class name, reading properties by
/// reflection, and compiling each formatter's Format into a Func&lt;object, TextWriter, bool&gt;.
/// </summary>
public class FormatterConventionTests
{
    private sealed record Discovered(string MimeType, Type Type, Func<object, TextWriter, bool> Format);

    private static (List<Discovered> Formatters, string[] Preferred) Discover(Type type)
    {
        var formatters = new List<Discovered>();
        string[]? preferred = null;
        foreach (object attr in type.GetCustomAttributes(inherit: true).Where(a => a.GetType().Name == "TypeFormatterSourceAttribute"))
        {
            var sourceType = (Type)attr.GetType().GetProperty("FormatterSourceType")!.GetGetMethod()!.Invoke(attr, null)!;
            object source = Activator.CreateInstance(sourceType)!;
            var created = (IEnumerable)source.GetType().GetMethod("CreateTypeFormatters")!.Invoke(source, null)!;
            foreach (object f in created)
            {
                var mime = (string)f.GetType().GetProperty("MimeType")!.GetGetMethod()!.Invoke(f, null)!;
                var formatted = (Type)f.GetType().GetProperty("Type")!.GetGetMethod()!.Invoke(f, null)!;
                MethodInfo format = f.GetType().GetMethod("Format")!;   // ambiguous (and so rejected) if overloaded
                ParameterExpression value = Expression.Parameter(typeof(object)), writer = Expression.Parameter(typeof(TextWriter));
                var call = Expression.Call(Expression.Constant(f), format, value, writer);
                formatters.Add(new Discovered(mime, formatted, Expression.Lambda<Func<object, TextWriter, bool>>(call, value, writer).Compile()));
            }
            if (attr.GetType().GetProperty("PreferredMimeTypes")?.GetGetMethod()?.Invoke(attr, null) is string[] mimes) preferred = mimes;
        }
        Assert.True(preferred is not null, $"{type.Name} names no preferred MIME types");
        return (formatters, preferred);
    }

    private static string Run(Discovered formatter, object value)
    {
        var writer = new StringWriter();
        Assert.True(formatter.Format(value, writer), $"{formatter.MimeType} formatter declined a {value.GetType().Name}");
        return writer.ToString();
    }

    private static Discovered For(List<Discovered> formatters, string mime) => Assert.Single(formatters, f => f.MimeType == mime);

    [Fact]
    public void EveryDisplayTypeCarriesTheAttributeAndFormatsItself()
    {
        Type[] displayTypes = typeof(Figure).Assembly.GetTypes()
            .Where(t => t.IsPublic && !t.IsAbstract && t.Namespace == "GenCourse.Display" && t.GetInterfaces().Any(i => i.Name == "IMimeFormattable"))
            .OrderBy(t => t.Name).ToArray();
        Assert.Equal(["Heatmap", "ImageGrid", "LinePlot", "PngImage", "ScatterPlot", "Table"], displayTypes.Select(t => t.Name));
        foreach (Type t in displayTypes)
        {
            var (formatters, preferred) = Discover(t);
            Assert.Contains("text/plain", preferred);
            Assert.All(formatters, f => Assert.Equal(t, f.Type));
            Assert.All(preferred, mime => Assert.Contains(formatters, f => f.MimeType == mime));
        }
    }

    [Fact]
    public void ImageGridShowsAsPngWithPlainText()
    {
        var grid = new ImageGrid("digits", new float[2 * 4 * 4], 2, 1, 4, 4);
        var (formatters, preferred) = Discover(typeof(ImageGrid));
        Assert.Equal(["image/png", "text/plain"], preferred);

        byte[] file = Convert.FromBase64String(Run(For(formatters, "image/png"), grid));
        PngCheck.Validate(file, "formatter-imagegrid");
        Assert.Equal(grid.ToPng(), file);   // the base64 text is exactly the figure's PNG file
        Assert.StartsWith("ImageGrid \"digits\": 2 images 1×4×4", Run(For(formatters, "text/plain"), grid));
        Svg.Parse(Run(For(formatters, "image/svg+xml"), grid));
    }

    [Fact]
    public void PlotsShowAsSvgAndCanBeAskedForPng()
    {
        var plot = new LinePlot("loss", "step", "loss").Add("train", [3.0, 2, 1]);
        var (formatters, preferred) = Discover(typeof(LinePlot));
        Assert.Equal(["image/svg+xml", "text/plain"], preferred);
        XDocument doc = Svg.Parse(Run(For(formatters, "image/svg+xml"), plot));
        Assert.Contains("loss", Svg.Texts(doc));
        PngCheck.Validate(Convert.FromBase64String(Run(For(formatters, "image/png"), plot)), "formatter-lineplot");
        Assert.StartsWith("LinePlot \"loss\"", Run(For(formatters, "text/plain"), plot));

        // AsPng() gives a value whose own preferred MIME type is image/png
        PngImage image = plot.AsPng();
        var (pngFormatters, pngPreferred) = Discover(typeof(PngImage));
        Assert.Equal(["image/png", "text/plain"], pngPreferred);
        Assert.Equal(image.ToArray(), Convert.FromBase64String(Run(For(pngFormatters, "image/png"), image)));
        Assert.Contains("LinePlot \"loss\"", Run(For(pngFormatters, "text/plain"), image));

        foreach (Type t in new[] { typeof(ScatterPlot), typeof(Heatmap) })
            Assert.Equal(["image/svg+xml", "text/plain"], Discover(t).Preferred);
    }

    [Fact]
    public void TableShowsAsHtmlWithPlainTextAndMarkdownOnRequest()
    {
        var table = new Table("scores", "model", "FID").AddRow("<b>GAN</b>", 12.5);
        var (formatters, preferred) = Discover(typeof(Table));
        Assert.Equal(["text/html", "text/plain"], preferred);
        Assert.Contains("&lt;b&gt;GAN&lt;/b&gt;", Run(For(formatters, "text/html"), table));
        Assert.Equal(table.ToText(), Run(For(formatters, "text/plain"), table));
        Assert.Equal(table.ToMarkdown(), Run(For(formatters, "text/markdown"), table));
    }

    [Fact]
    public void AFormatterDeclinesOtherTypes()
    {
        var (formatters, _) = Discover(typeof(LinePlot));
        Assert.False(For(formatters, "image/svg+xml").Format("not a plot", new StringWriter()));
    }
}
