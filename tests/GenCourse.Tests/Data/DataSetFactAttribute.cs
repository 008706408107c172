using GenCourse.Data;

namespace GenCourse.Tests.Data;

/// <summary>
/// A fact that needs an installed data set; where it is absent the test is skipped with a
/// message saying which data set, where it was looked for, and how to install it.
/// </summary>
public sealed class DataSetFactAttribute : FactAttribute
{
    public DataSetFactAttribute(string dataSet)
    {
        (bool installed, string where) = dataSet switch
        {
            "MNIST" => (Mnist.IsInstalled(), Mnist.DefaultDirectory),
            "Fashion-MNIST" => (FashionMnist.IsInstalled(), $"{FashionMnist.DefaultDirectory} or {FashionMnist.SystemDirectory}"),
            "CIFAR-10" => (Cifar10.IsInstalled(), Cifar10.DefaultDirectory),
            _ => throw new ArgumentException($"unknown data set '{dataSet}'", nameof(dataSet)),
        };
        if (!installed) Skip = $"{dataSet} is not installed (looked in {where}); run `./gencourse build` to install it.";
    }
}
