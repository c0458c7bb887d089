using ImageRoll.Kubernetes;

namespace ImageRoll.Rollouts;

/// <summary>
/// What a face hears while <see cref="RolloutSupervisor"/> follows rollouts and rolls failed ones back. The release
/// observer extends it, so the same object serves <c>imageroll rollout</c> and <c>imageroll release</c>.
/// <see cref="RolloutProgress"/> may come from several threads at once; the others come in order. Every method has
/// an empty default; an observer must not throw.
/// </summary>
public interface IRolloutObserver
{
    /// <summary>kubectl's words for a workload's state, or a diagnosis of a stuck new pod.</summary>
    void RolloutProgress(RolloutProgress progress)
    {
    }

    /// <summary>A workload's rollout ended; on failure or timeout the result carries the evidence.</summary>
    void RolloutFinished(RolloutResult result)
    {
    }

    /// <summary>A failed or timed-out workload is about to be rolled back; <paramref name="reason"/> is the rollout's last words.</summary>
    void RollbackStarted(WorkloadRef workload, string reason)
    {
    }

    void RollbackFinished(WorkloadRef workload, RollbackResult result)
    {
    }
}
