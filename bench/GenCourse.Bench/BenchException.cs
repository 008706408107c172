namespace GenCourse.Bench;

/// <summary>A failure the bench reports in one line (what went wrong and what to do) before exiting non-zero.</summary>
public sealed class BenchException(string message) : Exception(message);
