namespace ImageRoll.Rollouts;

/// <summary>
/// How following (and rolling back) ended: every followed workload's <see cref="RolloutResult"/> in the order they
/// were named, with <see cref="RolloutResult.Rollback"/> set where one was attempted, and the rollback's own error
/// when one failed (the stream tag could not be pointed back, the deadline passed, ...).
/// </summary>
public sealed record RolloutSupervision(IReadOnlyList<RolloutResult> Results, RolloutResult? RollbackFailedFor = null, ImageRollException? RollbackError = null)
{
    public bool Succeeded => Results.All(r => r.Outcome == RolloutOutcome.Succeeded);

    /// <summary>
    /// The one error a face reports, or null when every workload succeeded. A failed rollback's error decides the code
    /// and the exit (the rollout's evidence still travels in <see cref="RolloutFailedException.Results"/>); otherwise
    /// <see cref="RolloutFailures"/>' error for the first failure, its message naming the rollback that was done.
    /// </summary>
    public RolloutFailedException? ToException()
    {
        if (RollbackError is { } error && RollbackFailedFor is { } failed)
        {
            return new RolloutFailedException(error.Code, error.Kind, $"{failed.Message}; rollback failed: {error.Message}", error.Hint, Results, error);
        }

        if (Succeeded)
        {
            return null;
        }

        var bad = Results.FirstOrDefault(r => r.Outcome == RolloutOutcome.Failed) ?? Results.First(r => r.Outcome != RolloutOutcome.Succeeded);
        var exception = RolloutFailures.ToException(bad, Results.Count(r => r.Outcome != RolloutOutcome.Succeeded), Results);
        var rolledBack = Results.FirstOrDefault(r => r.Rollback is not null)?.Rollback;
        return rolledBack is null ? exception : exception.With(Results, $"{exception.Message} ({rolledBack.Description})");
    }

    /// <summary>Throws <see cref="ToException"/> when a workload did not succeed.</summary>
    public void ThrowIfNotSucceeded()
    {
        if (ToException() is { } exception)
        {
            throw exception;
        }
    }
}
