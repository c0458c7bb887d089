namespace ImageRoll.Rollouts;

public enum RolloutOutcome
{
    /// <summary>kubectl's/oc's check says done ("successfully rolled out").</summary>
    Succeeded,

    /// <summary>The check failed, or early diagnosis found the new pods stuck: exit code 4.</summary>
    Failed,

    /// <summary>Not done when the timeout ran out: exit code 5.</summary>
    TimedOut,

    /// <summary>A single snapshot (no watch) found it still rolling out.</summary>
    InProgress,
}
