namespace GenCourse.Notebooks.Tests.Cli.Doctor;

/// <summary>SHA-256 test vectors from FIPS 180-2 (appendix B.1) and of the empty message.</summary>
internal static class Sha256Vectors
{
    public const string Abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    public const string Empty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
}
