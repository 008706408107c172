namespace GenCourse.Notebooks.Cli.Doctor;

/// <summary>The BLAS a process actually has loaded, as read from its memory map.</summary>
/// <param name="Name">"OpenBLAS 0.3.21 (pthread)", "reference BLAS (netlib)", "Intel MKL".</param>
/// <param name="Path">The library file, or null when it is linked into libtorch itself.</param>
/// <param name="IsReference">True for the slow unoptimised netlib BLAS.</param>
public sealed record BlasLibrary(string Name, string? Path, bool IsReference);
