namespace GenCourse.Notebooks.Cli.Doctor;

/// <summary>How one line of <c>gencourse doctor</c> turned out.</summary>
public enum CheckStatus
{
    /// <summary>In place and working.</summary>
    Ok,

    /// <summary>Worth knowing, nothing to fix (no GPU, an optional data set absent).</summary>
    Info,

    /// <summary>Works, but slower or narrower than it could be; the fix-it says how to improve it.</summary>
    Warn,

    /// <summary>Missing or broken; the doctor exits non-zero and the fix-it says what to run.</summary>
    Fail,
}
