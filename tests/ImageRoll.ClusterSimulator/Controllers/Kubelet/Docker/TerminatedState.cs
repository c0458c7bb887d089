namespace ImageRoll.ClusterSimulator.Controllers.Kubelet.Docker;

/// <summary>A container's exit as containerStatuses[].state/lastState.terminated shows it.</summary>
public sealed record TerminatedState(int ExitCode, string Reason, string? Message, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, string ContainerId);
