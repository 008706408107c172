namespace GenCourse.Display.Rendering;

/// <summary>Maps data values on one axis to figure pixels.</summary>
internal abstract class AxisScale
{
    protected AxisScale(double min, double max, double start, double end)
    {
        Min = min;
        Max = max;
        Start = start;
        End = end;
    }

    public double Min { get; }
    public double Max { get; }
    /// <summary>Pixel coordinate of <see cref="Min"/>.</summary>
    public double Start { get; }
    /// <summary>Pixel coordinate of <see cref="Max"/>.</summary>
    public double End { get; }

    public abstract double Map(double v);
}

/// <summary>p = start + (v − min)/(max − min)·(end − start).</summary>
internal sealed class LinearScale(double min, double max, double start, double end) : AxisScale(min, max, start, end)
{
    public override double Map(double v) => Start + (v - Min) / (Max - Min) * (End - Start);
}

/// <summary>p = start + (log₁₀v − log₁₀min)/(log₁₀max − log₁₀min)·(end − start).</summary>
internal sealed class LogScale(double min, double max, double start, double end) : AxisScale(min, max, start, end)
{
    public override double Map(double v) =>
        Start + (Math.Log10(v) - Math.Log10(Min)) / (Math.Log10(Max) - Math.Log10(Min)) * (End - Start);
}
