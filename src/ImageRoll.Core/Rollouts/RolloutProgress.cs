using ImageRoll.Kubernetes;

namespace ImageRoll.Rollouts;

/// <summary>
/// One progress report for one workload: kubectl's words for the current state (<see cref="Message"/>), or, when
/// <see cref="Reason"/> is set for a waiting workload, what diagnosis noticed about a new pod.
/// </summary>
public sealed record RolloutProgress(WorkloadRef Workload, RolloutState State, string Message, string? Reason, DateTimeOffset At);
