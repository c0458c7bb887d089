namespace ImageRoll.Release;

/// <summary>Why a release did not succeed: the IR code, the message naming the bad value, the fix, and the step it happened in.</summary>
public sealed record ReleaseError(string Code, FailureKind Kind, string Message, string? Hint, ReleaseStep? Step)
{
    public static ReleaseError From(ImageRollException exception, ReleaseStep? step)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return new(exception.Code, exception.Kind, exception.Message, exception.Hint, step);
    }
}
