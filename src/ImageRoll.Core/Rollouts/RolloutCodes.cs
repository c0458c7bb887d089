namespace ImageRoll.Rollouts;

/// <summary>IR4xxx codes of the rollout supervisor that have no other home (docs/rollouts.md lists every IR4xxx code).</summary>
public static class RolloutCodes
{
    /// <summary>The one deadline passed before or while a rollback ran (exit 5).</summary>
    public const string RollbackDeadline = "IR4020";

    /// <summary>The rollout failed: progress deadline exceeded, or the rollout was cancelled.</summary>
    public const string RolloutFailed = "IR4001";

    /// <summary>New pods failed or stayed stuck past the grace period (ImagePullBackOff, CrashLoopBackOff, unready).</summary>
    public const string PodsFailed = "IR4002";

    /// <summary>The rollout did not finish before the deadline (exit 5).</summary>
    public const string NotFinishedInTime = "IR4003";

    /// <summary>The workload does not exist, or was deleted.</summary>
    public const string WorkloadNotFound = "IR4004";

    /// <summary>An OnDelete update strategy: pods update only when deleted.</summary>
    public const string OnDeleteStrategy = "IR4005";

    /// <summary>The rollout is paused, or a DeploymentConfig waits for a manual rollout.</summary>
    public const string RolloutPaused = "IR4006";

    /// <summary>status without --watch: the rollout has not finished yet (exit 5).</summary>
    public const string NotFinishedYet = "IR4007";

    /// <summary>ImageRoll cannot follow the rollout of that kind (exit 2).</summary>
    public const string KindNotFollowable = "IR4009";

    /// <summary>The workload has no revisions to roll back to (exit 2).</summary>
    public const string NoRevisions = "IR4010";

    /// <summary>A paused deployment cannot be rolled back.</summary>
    public const string PausedNoRollback = "IR4011";

    /// <summary>No earlier revision to roll back to.</summary>
    public const string NoEarlierRevision = "IR4012";

    /// <summary>The stream tag has no earlier image to point back at.</summary>
    public const string NoEarlierStreamImage = "IR4013";
}
