using ImageRoll.Kubernetes;
using ImageRoll.OpenShift.Triggers;

namespace ImageRoll.Release;

/// <summary>A workload the plan found and checked: its triggers for the stream tag (null on plain Kubernetes) and what will be done to it.</summary>
internal sealed record ReleaseTarget(WorkloadRef Workload, WorkloadTriggers? Triggers, PlannedWorkload Planned);
