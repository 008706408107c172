using System.Globalization;

namespace GenCourse.Bench.Engine;

/// <summary>A case and how often to run it: <c>NAME:WARMUP:REPS</c> on both workers' command lines.</summary>
/// <param name="Name">One of <see cref="EngineCase.Names"/>.</param>
/// <param name="Warmup">Untimed repetitions first (JIT tiering, allocator and kernel caches).</param>
/// <param name="Reps">Timed repetitions.</param>
public sealed record CaseSpec(string Name, int Warmup, int Reps)
{
    public override string ToString() => $"{Name}:{Warmup}:{Reps}";

    public static CaseSpec Parse(string text)
    {
        string[] parts = text.Split(':');
        if (parts.Length != 3 || !EngineCase.Names.Contains(parts[0])
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int warmup)
            || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out int reps) || reps < 1)
            throw new BenchException($"'{text}' is not NAME:WARMUP:REPS with NAME one of {string.Join(", ", EngineCase.Names)} and REPS ≥ 1");
        return new CaseSpec(parts[0], warmup, reps);
    }
}
