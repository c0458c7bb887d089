namespace ImageRoll.Release;

/// <summary>How the release ended for one workload.</summary>
public enum WorkloadOutcome
{
    /// <summary>A dry run: this would be done.</summary>
    Planned,

    /// <summary>The release stopped before reaching this workload.</summary>
    NotStarted,

    /// <summary>Triggered, not followed (<c>--no-wait</c>).</summary>
    Triggered,

    Succeeded,

    /// <summary>The rollout failed (see the evidence); <see cref="WorkloadRelease.Rollback"/> says whether it was rolled back.</summary>
    Failed,

    TimedOut,
}
