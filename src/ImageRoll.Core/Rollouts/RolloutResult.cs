using ImageRoll.Kubernetes;

namespace ImageRoll.Rollouts;

/// <summary>How following one workload ended, with kubectl's last words and, on failure or timeout, the evidence.</summary>
public sealed record RolloutResult(
    WorkloadRef Workload,
    RolloutOutcome Outcome,
    string Message,
    string? Reason,
    TimeSpan Elapsed,
    RolloutEvidence? Evidence = null,
    RollbackResult? Rollback = null);
