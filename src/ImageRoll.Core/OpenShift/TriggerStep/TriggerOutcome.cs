using ImageRoll.Kubernetes;

namespace ImageRoll.OpenShift.TriggerStep;

/// <summary>
/// What the trigger step did to one workload: the value its containers now carry, the object's resourceVersion
/// and generation after the change (where the rollout follower starts), and for a DC its latestVersion.
/// </summary>
public sealed record TriggerOutcome(
    WorkloadRef Workload,
    string Value,
    TriggerAction Action,
    IReadOnlyList<string> Containers,
    string? ResourceVersion,
    long? Generation,
    long? LatestVersion = null);
