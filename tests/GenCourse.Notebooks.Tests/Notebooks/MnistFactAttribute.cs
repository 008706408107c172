namespace GenCourse.Notebooks.Tests.Notebooks;

/// <summary>A fact that needs MNIST; skipped with the install command where it is absent.</summary>
public sealed class MnistFactAttribute : FactAttribute
{
    public MnistFactAttribute()
    {
        if (!GenCourse.Data.Mnist.IsInstalled())
            Skip = $"MNIST is not installed in {GenCourse.Data.Mnist.DefaultDirectory}; run `./gencourse build`.";
    }
}
