using ImageRoll.OpenShift.TriggerStep;
using ImageRoll.Rollouts;

namespace ImageRoll.Release;

/// <summary>
/// One workload's part of the release: what the trigger step did, the revision it rolled out (Deployment revision,
/// DC latestVersion, StatefulSet updateRevision, DaemonSet templateGeneration), kubectl's last words, the evidence
/// of a failure and the rollback, and how long the trigger step and the rollout took.
/// </summary>
public sealed record WorkloadRelease(
    string Kind,
    string Name,
    string Namespace,
    WorkloadOutcome Outcome,
    string Message)
{
    public TriggerAction? Trigger { get; init; }

    /// <summary>The image value the workload's containers carry after the trigger step.</summary>
    public string? Image { get; init; }

    public IReadOnlyList<string> Containers { get; init; } = [];

    public string? Revision { get; init; }

    public RolloutEvidence? Evidence { get; init; }

    public RollbackResult? Rollback { get; init; }

    public TimeSpan TriggerDuration { get; init; }

    public TimeSpan RolloutDuration { get; init; }
}
