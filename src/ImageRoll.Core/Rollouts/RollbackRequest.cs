using ImageRoll.Kubernetes;
using ImageRoll.OpenShift.ImageStreams;

namespace ImageRoll.Rollouts;

/// <summary>
/// What to roll back: the workload, and when an image stream tag drove the rollout, that tag, the value the trigger
/// wrote (<see cref="BadValue"/>) and whether the cluster's trigger controller applies changes (wait mode) or
/// ImageRoll does (patch mode).
/// </summary>
public sealed record RollbackRequest(WorkloadRef Workload, StreamTagRef? StreamTag = null, string? BadValue = null, bool TriggerApplies = false);
