namespace ImageRoll.Release;

/// <summary>
/// One read-only check of the plan: credentials for the registry, the stream exists, a trigger parses and follows
/// the tag, a permission (SelfSubjectAccessReview). A failed check carries the IR code the real run would stop with.
/// </summary>
public sealed record PlanCheck(string Name, bool Passed, string Message, string? Code = null)
{
    /// <summary>How to fix a failed check.</summary>
    public string? Hint { get; init; }

    /// <summary>The kind of a failed check's error, which decides the exit code (bad input 2, operation failed 3, ...).</summary>
    public FailureKind? Kind { get; init; }

    public static PlanCheck Pass(string name, string message) => new(name, true, message);

    public static PlanCheck Fail(string name, ImageRollException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new(name, false, error.Message, error.Code) { Hint = error.Hint, Kind = error.Kind };
    }
}
