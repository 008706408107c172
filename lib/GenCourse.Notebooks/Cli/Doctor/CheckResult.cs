namespace GenCourse.Notebooks.Cli.Doctor;

/// <summary>One line of the doctor's report: what was checked, what was found, and how to fix it.</summary>
/// <param name="Label">What was checked ("libtorch", "MNIST").</param>
/// <param name="Status">Whether it is in place.</param>
/// <param name="Detail">What was found (a version, a path, a count of verified files).</param>
/// <param name="FixIt">A sentence saying what to run, for <see cref="CheckStatus.Warn"/> and <see cref="CheckStatus.Fail"/>.</param>
public sealed record CheckResult(string Label, CheckStatus Status, string Detail, string? FixIt = null)
{
    public static CheckResult Ok(string label, string detail) => new(label, CheckStatus.Ok, detail);

    public static CheckResult Info(string label, string detail) => new(label, CheckStatus.Info, detail);

    public static CheckResult Warn(string label, string detail, string fixIt) => new(label, CheckStatus.Warn, detail, fixIt);

    public static CheckResult Fail(string label, string detail, string fixIt) => new(label, CheckStatus.Fail, detail, fixIt);
}
