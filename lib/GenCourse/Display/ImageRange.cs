namespace GenCourse.Display;

/// <summary>How <see cref="ImageGrid"/> turns tensor values into pixel intensities.</summary>
public enum ImageRange
{
    /// <summary>0 is black, 1 is white; values outside [0, 1] are clamped (and counted).</summary>
    ZeroOne,

    /// <summary>−1 is black, 1 is white (a tanh output): t = (v + 1)/2, clamped to [0, 1] (and counted).</summary>
    MinusOneOne,

    /// <summary>The smallest value of the whole batch is black, the largest white.</summary>
    MinMax,

    /// <summary>Each image stretched on its own: its smallest value black, its largest white.</summary>
    MinMaxPerImage,
}
