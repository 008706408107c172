namespace GenCourse.Torch;

/// <summary>
/// What <c>load_state_dict(strict: false)</c> skipped (PyTorch's <c>_IncompatibleKeys</c>):
/// entries the module expected but did not get, and entries it got but has no place for.
/// </summary>
public sealed record IncompatibleKeys(IReadOnlyList<string> missing_keys, IReadOnlyList<string> unexpected_keys)
{
    /// <summary>True when every key matched.</summary>
    public bool IsEmpty => missing_keys.Count == 0 && unexpected_keys.Count == 0;
}
