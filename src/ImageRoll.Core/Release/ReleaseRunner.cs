namespace ImageRoll.Release;

/// <summary>
/// Runs one release: plan (read-only checks) -> image -> tag -> trigger -> rollout -> (rollback), under ONE deadline
/// (<see cref="ReleaseOptions.Timeout"/>) linked with the caller's cancellation, telling <see cref="IReleaseObserver"/>
/// as it goes. Never throws for anything a user can act on: bad input, failed operations, failed rollouts, the
/// deadline and cancellation all end in a <see cref="ReleaseResult"/> with <see cref="ReleaseResult.Error"/> set.
/// </summary>
public sealed class ReleaseRunner(ReleaseServices services)
{
    private readonly ReleaseServices _services = services ?? throw new ArgumentNullException(nameof(services));

    public Task<ReleaseResult> RunAsync(ReleaseOptions options, IReleaseObserver? observer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        _ = _services;
        throw new NotImplementedException("The release engine is being built (issue 9).");
    }
}
