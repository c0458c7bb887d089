namespace ImageRoll.Release;

/// <summary>How a release ended; <see cref="ReleaseResult.ExitCode"/> follows it (the exit codes of the README).</summary>
public enum ReleaseStatus
{
    /// <summary>Every step done, every workload rolled out: exit 0.</summary>
    Succeeded,

    /// <summary>A dry run: the plan was made and checked, nothing was changed: exit 0 (or 2/3 when a check failed).</summary>
    Planned,

    /// <summary>Bad input found before anything was changed: exit 2.</summary>
    BadInput,

    /// <summary>A registry, cluster or Docker operation failed: exit 3.</summary>
    Failed,

    /// <summary>A rollout failed (rolled back or not): exit 4.</summary>
    RolloutFailed,

    /// <summary>The release's one deadline passed: exit 5.</summary>
    TimedOut,

    /// <summary>Cancelled by the user (Ctrl+C, SIGTERM, MSBuild cancel): exit 130.</summary>
    Cancelled,
}
