namespace ImageRoll.Release;

/// <summary>
/// The IR codes of the release engine itself (docs/release.md lists them). Every other error of a release keeps the
/// code of the step that raised it (registry IR1xxx, image stream IR32xx, triggers IR33xx, rollout IR4xxx).
/// </summary>
public static class ReleaseErrors
{
    /// <summary>The options contradict each other or are out of range (exit 2).</summary>
    public const string BadOptions = "IR2250";

    /// <summary>Plain Kubernetes (no stream tag) with no workload named (exit 2).</summary>
    public const string NoWorkloads = "IR2251";

    /// <summary>A Dockerfile source, but the face offers no Docker daemon (exit 2).</summary>
    public const string NoDocker = "IR2252";

    /// <summary>An archive, project or Dockerfile source with an image reference that names a digest (exit 2).</summary>
    public const string DigestTarget = "IR2253";

    /// <summary>The caller cancelled (Ctrl+C, SIGTERM, MSBuild cancel): exit 130. The same code the CLI prints for a cancelled command.</summary>
    public const string Cancelled = CommandErrors.Cancelled;

    /// <summary>The deadline passed while the image was built, pushed or resolved (exit 5).</summary>
    public const string ImageTimedOut = "IR1250";

    /// <summary>The deadline passed while the stream tag waited for its import (exit 5); the tagger's own timeout code.</summary>
    public const string TagTimedOut = OpenShift.ImageStreams.ImageStreamErrors.ImportTimedOut;

    /// <summary>The deadline passed while the plan was being checked (exit 5).</summary>
    public const string PlanTimedOut = "IR3381";

    /// <summary>The deadline passed during the trigger step (exit 5).</summary>
    public const string TriggerTimedOut = "IR3382";

    /// <summary>The deadline passed while following the rollouts (exit 5); the follower's own timeout code.</summary>
    public const string RolloutTimedOut = Rollouts.RolloutCodes.NotFinishedInTime;

    /// <summary>The deadline passed during a rollback (exit 5).</summary>
    public const string RollbackTimedOut = Rollouts.RolloutCodes.RollbackDeadline;

    /// <summary>A SelfSubjectAccessReview said the credentials may not make a request the run needs (exit 3).</summary>
    public const string PermissionDenied = "IR3380";

    /// <summary>Warning: a Legacy import keeps one platform of a multi-arch index.</summary>
    public const string LegacyImportWarning = "IR3383";

    /// <summary>Warning: the permissions could not be checked (SelfSubjectAccessReview not served or refused).</summary>
    public const string PermissionsNotChecked = "IR3384";

    /// <summary>The timeout code of the step that was waiting when the deadline passed.</summary>
    public static string TimedOutIn(ReleaseStep? step) => step switch
    {
        ReleaseStep.Image => ImageTimedOut,
        ReleaseStep.Tag => TagTimedOut,
        ReleaseStep.Trigger => TriggerTimedOut,
        ReleaseStep.Rollout => RolloutTimedOut,
        ReleaseStep.Rollback => RollbackTimedOut,
        _ => PlanTimedOut,
    };
}
