using GenCourse.Checkpoints;
using System.Text;
using GenCourse.Display.Rendering;

namespace GenCourse.Display;

/// <summary>
/// A figure that renders itself to SVG or PNG with no external program. Every figure has a
/// title; plots also have labelled axes. Subclasses describe their drawing once, on a surface
/// that is either an SVG writer or an antialiased raster.
/// </summary>
public abstract class Figure
{
    private protected Figure(string title)
    {
        Title = Guard.Text(title, nameof(title), "title");
    }

    public string Title { get; }

    /// <summary>Subpixels per pixel along each axis when rasterising (1 keeps image pixels exact).</summary>
    private protected virtual int Supersample => 3;

    /// <summary>The figure's size in pixels for a backend's text metrics.</summary>
    private protected abstract (int Width, int Height) Measure(TextMetrics metrics);

    private protected abstract void Render(Surface surface);

    /// <summary>The figure as a standalone SVG document.</summary>
    public string ToSvg()
    {
        var (w, h) = Measure(SvgTextMetrics.Instance);
        var surface = new SvgSurface(w, h, Title);
        Render(surface);
        return surface.ToSvg();
    }

    /// <summary>The figure as a PNG file (8-bit grey or RGB).</summary>
    public byte[] ToPng() => RenderRaster().ToPng();

    /// <summary>The figure rasterised, to display as <c>image/png</c> instead of the default.</summary>
    public PngImage AsPng()
    {
        RasterSurface surface = RenderRaster();
        return new PngImage(surface.ToPng(), surface.Width, surface.Height, $"{GetType().Name} \"{Title}\"");
    }

    private RasterSurface RenderRaster()
    {
        var (w, h) = Measure(RasterTextMetrics.Instance);
        var surface = new RasterSurface(w, h, Supersample);
        Render(surface);
        return surface;
    }

    /// <summary>
    /// Saves as PNG or SVG, chosen by the extension (.png or .svg); the file is written to a
    /// temporary name and renamed, so a reader never sees half a file.
    /// </summary>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string ext = Path.GetExtension(path).ToLowerInvariant();
        byte[] bytes = ext switch
        {
            ".png" => ToPng(),
            ".svg" => Encoding.UTF8.GetBytes(ToSvg()),
            _ => throw new ArgumentException($"Cannot tell which format to write for '{path}': save a figure as .png or .svg.", nameof(path)),
        };
        AtomicFile.WriteAllBytes(path, bytes);
    }

    /// <summary>Writes the figure in one of the MIME types the formatters offer.</summary>
    private protected bool WriteFigureMime(string mimeType, TextWriter writer)
    {
        switch (mimeType)
        {
            case Mime.Svg: writer.Write(ToSvg()); return true;
            case Mime.Png: writer.Write(Convert.ToBase64String(ToPng())); return true;
            case Mime.Plain: writer.Write(ToString()); return true;
            default: return false;
        }
    }
}
