using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace GenCourse.Notebooks.Runner.Formatting;

/// <summary>
/// text/plain for a TorchSharp tensor. TorchSharp 0.107.0's own notebook formatters
/// (<c>TorchSharp.Utils.TypeFormatterSource</c>) print every element of every slice in the
/// machine's culture, so an executed notebook would hold a whole image batch and differ between
/// machines. Here small tensors of up to two dimensions print their values (TorchSharp's Julia
/// style, invariant culture, eliding long rows and columns) under the metadata line
/// (<c>[2x2], type = Float64, device = cpu</c>); larger ones print the metadata and their range
/// and mean, not thousands of numbers.
/// </summary>
internal static class TensorText
{
    /// <summary>Tensors with at most this many elements (and ≤ 2 dimensions) print every value.</summary>
    public const long MaxValues = 400;

    public static string Format(Tensor tensor)
    {
        if (tensor.IsInvalid) return "<disposed tensor>";
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        string grad = tensor.requires_grad ? ", requires_grad" : "";
        if (tensor.device_type == DeviceType.META) return tensor.ToString() + grad;
        if (tensor.Dimensions <= 2 && tensor.numel() <= MaxValues)
        {
            string text = tensor.ToString(TorchSharp.TensorStringStyle.Julia, cultureInfo: CultureInfo.InvariantCulture, newLine: "\n").TrimEnd('\n');
            int firstLine = text.IndexOf('\n');
            return firstLine < 0 ? text + grad : text[..firstLine] + grad + text[firstLine..];
        }
        return tensor.ToString() + grad + Summary(tensor);
    }

    // "\nmin = …, max = …, mean = …" over all elements (mean for floating types only).
    private static string Summary(Tensor tensor)
    {
        if (tensor.numel() == 0 || tensor.dtype == ScalarType.Bool || tensor.is_complex()) return "";
        Tensor values = tensor.to(ScalarType.Float64);
        string min = Number(values.min().ToDouble());
        string max = Number(values.max().ToDouble());
        string mean = tensor.is_floating_point() ? $", mean = {Number(values.mean().ToDouble())}" : "";
        return $"\nmin = {min}, max = {max}{mean}";
    }

    private static string Number(double x) => x.ToString("g5", CultureInfo.InvariantCulture);
}
