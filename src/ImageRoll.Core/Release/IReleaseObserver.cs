using ImageRoll.Kubernetes;
using ImageRoll.OpenShift.ImageStreams;
using ImageRoll.OpenShift.TriggerStep;
using ImageRoll.Registry;
using ImageRoll.Rollouts;

namespace ImageRoll.Release;

/// <summary>
/// What a face hears of a release while it runs: the CLI console (live or plain lines), GitHub Actions, Jenkins,
/// JSON and JUnit reports, the MSBuild log. Calls come in order from one logical flow, except
/// <see cref="PushProgress"/> and <see cref="RolloutProgress"/>, which may come from several threads at once.
/// Every method has an empty default, so a face implements only what it shows. An observer must not throw.
/// </summary>
public interface IReleaseObserver
{
    /// <summary>The checked plan, before the first change (and the last call but <see cref="Completed"/> of a dry run).</summary>
    void PlanReady(ReleasePlan plan)
    {
    }

    void StepStarted(ReleaseStep step, string description)
    {
    }

    void StepFinished(ReleaseStepResult result)
    {
    }

    /// <summary>One blob pushed, mounted or found present.</summary>
    void PushProgress(TransferProgress progress)
    {
    }

    /// <summary>The image is in the registry: <paramref name="digestReference"/> is <c>REG/REPO@sha256:D</c>.</summary>
    void ImageReady(string digestReference)
    {
    }

    /// <summary>The stream tag holds the image; <see cref="TagResult.ResolvedPullSpec"/> is what triggers write.</summary>
    void Tagged(TagResult result)
    {
    }

    /// <summary>A trigger applied (patch, instantiate) or observed (the controller did it) for one workload.</summary>
    void Triggered(TriggerOutcome outcome)
    {
    }

    /// <summary>kubectl's words for a workload's state, or a diagnosis of a stuck new pod.</summary>
    void RolloutProgress(RolloutProgress progress)
    {
    }

    /// <summary>A workload's rollout ended; on failure or timeout the result carries the evidence.</summary>
    void RolloutFinished(RolloutResult result)
    {
    }

    void RollbackStarted(WorkloadRef workload, string reason)
    {
    }

    void RollbackFinished(WorkloadRef workload, RollbackResult result)
    {
    }

    /// <summary>Something the user should know that does not stop the release.</summary>
    void Warning(string code, string message)
    {
    }

    /// <summary>The last call: the whole result, succeeded or not.</summary>
    void Completed(ReleaseResult result)
    {
    }
}
