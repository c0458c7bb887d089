namespace ImageRoll;

/// <summary>
/// The kind of failure, which decides the process exit code (docs/architecture.md, "Contracts", Exit codes).
/// The IR code's band says which area failed; this says how.
/// </summary>
public enum FailureKind
{
    /// <summary>A bug or an unforeseen condition: exit 1.</summary>
    Unexpected = 1,

    /// <summary>Malformed argument, manifest, annotation or kubeconfig; nothing was changed: exit 2.</summary>
    BadInput = 2,

    /// <summary>A registry, cluster or Docker operation failed: exit 3.</summary>
    OperationFailed = 3,

    /// <summary>The rollout failed: exit 4.</summary>
    RolloutFailed = 4,

    /// <summary>The operation timed out: exit 5.</summary>
    TimedOut = 5,

    /// <summary>The user cancelled: exit 130.</summary>
    Cancelled = 130,
}
