using TorchSharp;
using static TorchSharp.torch;

namespace GenCourse.Data;

/// <summary>
/// Loads an MNIST-style pair of IDX files (images [N, H, W] uint8, labels [N] uint8) into an
/// <see cref="ImageDataset"/>, checking the pair against the published layout.
/// </summary>
internal static class IdxImageSet
{
    /// <summary>The published layout of one split of a data set.</summary>
    internal sealed record Layout(string DisplayName, string ImagesFile, string LabelsFile, long Count, int Height, int Width);

    /// <summary>
    /// Finds the files in the first of <paramref name="folders"/> that has both (raw or .gz), or
    /// throws <see cref="FileNotFoundException"/> naming what was looked for and
    /// <paramref name="installHint"/>.
    /// </summary>
    internal static (string Images, string Labels) Locate(Layout layout, IReadOnlyList<string> folders, string installHint)
    {
        foreach (string folder in folders)
        {
            string? images = FirstExisting(folder, layout.ImagesFile);
            string? labels = FirstExisting(folder, layout.LabelsFile);
            if (images is not null && labels is not null) return (images, labels);
        }
        string first = Path.Combine(folders[0], layout.ImagesFile);
        string missing = string.Join(", ", folders.SelectMany(f => new[] { layout.ImagesFile, layout.LabelsFile }
            .Where(n => FirstExisting(f, n) is null).Select(n => Path.Combine(f, n))));
        throw new FileNotFoundException($"{layout.DisplayName} is not installed: missing {missing}. {installHint}", first);
    }

    internal static bool IsInstalled(Layout layout, IReadOnlyList<string> folders) =>
        folders.Any(f => FirstExisting(f, layout.ImagesFile) is not null && FirstExisting(f, layout.LabelsFile) is not null);

    private static string? FirstExisting(string folder, string name)
    {
        string raw = Path.Combine(folder, name);
        if (File.Exists(raw)) return raw;
        return File.Exists(raw + ".gz") ? raw + ".gz" : null;
    }

    /// <summary>
    /// Reads the pair and checks it: images [Count, Height, Width] uint8, labels [Count] uint8,
    /// every label below the number of classes. Images become float32 [N, 1, H, W] in [0, 1]
    /// (x / 255, computed by libtorch as torchvision's ToTensor does); labels become int64.
    /// </summary>
    internal static ImageDataset Load(Layout layout, string imagesPath, string labelsPath, IReadOnlyList<string> classNames)
    {
        var (imageArray, imageShape) = IdxFile.ReadArray(imagesPath);
        if (imageArray is not byte[] pixels || imageShape.Length != 3 || imageShape[0] != layout.Count || imageShape[1] != layout.Height || imageShape[2] != layout.Width)
            throw new DataFileException(imagesPath,
                $"holds {imageArray.GetType().GetElementType()!.Name} values of shape [{string.Join(", ", imageShape)}], but {layout.DisplayName} images are unsigned bytes of shape [{layout.Count}, {layout.Height}, {layout.Width}]. Reinstall the file.");
        var (labelArray, labelShape) = IdxFile.ReadArray(labelsPath);
        if (labelArray is not byte[] labelBytes || labelShape.Length != 1 || labelShape[0] != layout.Count)
            throw new DataFileException(labelsPath,
                $"holds {labelArray.GetType().GetElementType()!.Name} values of shape [{string.Join(", ", labelShape)}], but {layout.DisplayName} labels are unsigned bytes of shape [{layout.Count}]. Reinstall the file.");
        int bad = Array.FindIndex(labelBytes, b => b >= classNames.Count);
        if (bad >= 0)
            throw new DataFileException(labelsPath, $"label {labelBytes[bad]} at index {bad} is not one of the {classNames.Count} classes. The file is corrupt.");

        using (torch.NewDisposeScope())
        {
            Tensor bytes = torch.tensor(pixels, new[] { layout.Count, 1L, layout.Height, layout.Width });
            Tensor images = bytes.to(ScalarType.Float32).div_(255.0);
            Tensor labels = torch.tensor(labelBytes).to(ScalarType.Int64);
            return new ImageDataset(layout.DisplayName, images, labels, classNames);
        }
    }
}
