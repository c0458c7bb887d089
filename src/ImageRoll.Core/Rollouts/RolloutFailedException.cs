namespace ImageRoll.Rollouts;

/// <summary>
/// A rollout that did not succeed (failed, timed out, not yet done, or its workload is gone), with the data behind
/// the message: every followed workload's <see cref="RolloutResult"/> (evidence and, after
/// <c>--rollback-on-failure</c>, the rollback's outcome). The faces render <see cref="Results"/> as data (the CLI's
/// <c>--output json</c> document); the engine only carries them.
/// </summary>
public sealed class RolloutFailedException : ImageRollException
{
    public RolloutFailedException(string code, FailureKind kind, string message, string? hint, IReadOnlyList<RolloutResult> results, Exception? innerException = null)
        : base(code, kind, message, hint, innerException)
    {
        ArgumentNullException.ThrowIfNull(results);
        Results = results;
    }

    /// <summary>Every followed workload's result, in the order they were named (succeeded ones included).</summary>
    public IReadOnlyList<RolloutResult> Results { get; }

    /// <summary>The same error with other results (e.g. after a rollback) and, if given, another message.</summary>
    public RolloutFailedException With(IReadOnlyList<RolloutResult> results, string? message = null) =>
        new(Code, Kind, message ?? Message, Hint, results, this);
}
