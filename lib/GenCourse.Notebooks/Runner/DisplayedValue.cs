namespace GenCourse.Notebooks.Runner;

/// <summary>
/// What <c>display(x)</c> returns, shaped like .NET Interactive's <c>DisplayedValue</c>:
/// <see cref="Update"/> replaces the displayed output in place (progress, a live loss curve).
/// </summary>
public sealed class DisplayedValue
{
    private readonly CellCapture capture;
    private readonly CellOutput.Display output;
    private readonly string[] mimeTypes;

    internal DisplayedValue(CellCapture capture, CellOutput.Display output, string[] mimeTypes)
    {
        this.capture = capture;
        this.output = output;
        this.mimeTypes = mimeTypes;
    }

    /// <summary>An id unique within the run.</summary>
    public string DisplayId => output.DisplayId;

    /// <summary>The MIME types the value was displayed as (empty: the type's own choice).</summary>
    public IReadOnlyList<string> MimeTypes => mimeTypes;

    /// <summary>Shows <paramref name="updatedValue"/> in place of the displayed one.</summary>
    public void Update(object? updatedValue) => capture.Update(output, updatedValue, mimeTypes);
}
