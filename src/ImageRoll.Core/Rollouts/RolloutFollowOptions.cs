namespace ImageRoll.Rollouts;

/// <summary>
/// How to follow: <see cref="Timeout"/> (kubectl's --timeout; default 10m), the early-failure
/// <see cref="GracePeriod"/> (default 60 s, never more than half the timeout), whether to diagnose pods at all, and
/// <see cref="Watch"/> (false: one snapshot, as <c>kubectl rollout status --watch=false</c>).
/// </summary>
public sealed record RolloutFollowOptions
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan DefaultGracePeriod = TimeSpan.FromSeconds(60);

    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    public TimeSpan? GracePeriod { get; init; }

    public bool Diagnose { get; init; } = true;

    public bool Watch { get; init; } = true;

    /// <summary>The grace period in force: the configured one (or 60 s), capped at half the timeout.</summary>
    public TimeSpan EffectiveGracePeriod
    {
        get
        {
            var grace = GracePeriod ?? DefaultGracePeriod;
            var half = Timeout / 2;
            return Timeout > TimeSpan.Zero && grace > half ? half : grace;
        }
    }
}
