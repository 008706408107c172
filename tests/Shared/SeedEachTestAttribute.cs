using System.Reflection;
using Xunit.Sdk;

namespace GenCourse.Testing;

/// <summary>
/// Seeds libtorch's global generator before every test with a number derived from the test's
/// own name, so a test that builds a model with default initialisation starts from the same
/// weights whatever ran before it (test order, skipped GPU tests and data sets that are or are
/// not installed all change how many numbers earlier tests drew).
///
/// Set <c>GENCOURSE_TEST_SEED</c> to another integer to give every test a different seed: a
/// test that fails for some seeds is testing luck, not behaviour. <c>./gencourse test</c>
/// leaves it unset, so CI is reproducible.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class SeedEachTestAttribute : BeforeAfterTestAttribute
{
    public const string SaltVariable = "GENCOURSE_TEST_SEED";

    public override void Before(MethodInfo methodUnderTest) => torch.manual_seed(SeedFor(methodUnderTest));

    /// <summary>The seed a test starts from: its class's full name and its own, under the current salt.</summary>
    public static long SeedFor(MethodInfo test) => SeedFor(test.DeclaringType?.FullName + "." + test.Name, Salt());

    /// <summary>FNV-1a of the test's name, mixed with the salt; kept below 2⁶³ so it is a valid seed.</summary>
    public static long SeedFor(string testName, long salt)
    {
        ulong h = 14695981039346656037UL;
        foreach (char c in testName) { h ^= c; h *= 1099511628211UL; }
        h ^= (ulong)salt * 0x9E3779B97F4A7C15UL;
        return (long)(h >> 1);
    }

    private static long Salt()
    {
        string? text = Environment.GetEnvironmentVariable(SaltVariable);
        if (string.IsNullOrWhiteSpace(text)) return 0;
        return long.TryParse(text, out long salt)
            ? salt
            : throw new InvalidOperationException($"{SaltVariable}='{text}' is not an integer; unset it, or set it to a whole number such as 1.");
    }
}
