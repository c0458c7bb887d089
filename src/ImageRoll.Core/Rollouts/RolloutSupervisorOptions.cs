using ImageRoll.OpenShift.ImageStreams;

namespace ImageRoll.Rollouts;

/// <summary>
/// How <see cref="RolloutSupervisor"/> follows and rolls back, all under ONE <see cref="Deadline"/>: the follow stops
/// early enough to leave <see cref="RollbackShare"/> of the time that was left for the rollback (when
/// <see cref="RollbackOnFailure"/>), and the rollback ends at the deadline. <see cref="StreamTag"/>: the tag that drove
/// the rollout (pointed back first); <see cref="TriggerApplies"/>: wait mode, the cluster's trigger controller applies
/// the rollback once the tag points back.
/// </summary>
public sealed record RolloutSupervisorOptions
{
    /// <summary>The default share of the time left at the start of the follow that is kept for the rollback: 25 %.</summary>
    public const double DefaultRollbackShare = 0.25;

    /// <summary>The end of the whole operation (follow and rollback), on the supervisor's clock.</summary>
    public required DateTimeOffset Deadline { get; init; }

    /// <summary>How long a new pod may stay stuck before the rollout fails early; null: 60 s (capped at half the follow's time).</summary>
    public TimeSpan? GracePeriod { get; init; }

    public bool RollbackOnFailure { get; init; }

    /// <summary>Of the time left when following starts, the share kept for the rollback (0 to 0.9).</summary>
    public double RollbackShare { get; init; } = DefaultRollbackShare;

    public StreamTagRef? StreamTag { get; init; }

    public bool TriggerApplies { get; init; }

    /// <summary>Turn kubectl's check off for snapshot (--watch=false) use; the supervisor always watches.</summary>
    public bool Diagnose { get; init; } = true;
}
