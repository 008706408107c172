using GenCourse.Engine;

namespace GenCourse.Display;

/// <summary>Argument checks shared by the display types, each with a message that says what to do.</summary>
internal static class Guard
{
    /// <summary>A non-blank text, e.g. a title or an axis label (every figure has them).</summary>
    public static string Text(string? value, string paramName, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
            throw new ArgumentException($"A figure needs a {what}: pass a short non-empty text as '{paramName}'.", paramName);
        return value;
    }

    public static int Size(int value, int min, int max, string paramName)
    {
        if (value < min || value > max)
            throw new ArgumentOutOfRangeException(paramName, value, $"'{paramName}' must be between {min} and {max} pixels.");
        return value;
    }

    /// <summary>The values of a 1-D (or [N, 1]) tensor as doubles.</summary>
    public static double[] Vector(TorchSharp.torch.Tensor tensor, string paramName)
    {
        ArgumentNullException.ThrowIfNull(tensor, paramName);
        long[] shape = tensor.shape;
        bool ok = shape.Length == 1 || (shape.Length == 2 && shape[1] == 1);
        if (!ok)
            throw new ArgumentException($"'{paramName}' must be a 1-D tensor, got shape [{string.Join(", ", shape)}]; flatten it with .flatten() or pick a column with .select(1, i).", paramName);
        return tensor.ToArray<double>();
    }
}
