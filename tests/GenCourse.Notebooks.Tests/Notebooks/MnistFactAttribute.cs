using GenCourse.Data;

namespace GenCourse.Notebooks.Tests.Notebooks;

/// <summary>A fact for a notebook that trains on MNIST; skipped, saying how to install it, where MNIST is absent.</summary>
public sealed class MnistFactAttribute : FactAttribute
{
    public MnistFactAttribute()
    {
        if (!Mnist.IsInstalled()) Skip = $"MNIST is not installed (looked in {Mnist.DefaultDirectory}); run `./gencourse build` to install it.";
    }
}
