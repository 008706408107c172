namespace GenCourse.Display;

/// <summary>How <see cref="Progress"/> reports.</summary>
public enum ProgressMode
{
    /// <summary>
    /// <see cref="Live"/> when writing to a real terminal, otherwise <see cref="Summary"/>.
    /// The environment variable <c>GENCOURSE_PROGRESS</c> (<c>live</c> or <c>summary</c>) overrides the guess.
    /// </summary>
    Auto,

    /// <summary>One line redrawn in place (carriage return), at most ten times a second, and a line per epoch.</summary>
    Live,

    /// <summary>A bounded number of plain lines (for notebooks and logs), never one per step.</summary>
    Summary,
}
