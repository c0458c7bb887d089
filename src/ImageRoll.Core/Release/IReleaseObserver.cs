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
/// The rollout and rollback calls (<c>RolloutProgress</c>, <c>RolloutFinished</c>, <c>RollbackStarted</c>,
/// <c>RollbackFinished</c>) come from <see cref="IRolloutObserver"/>, which <c>imageroll rollout</c> shares.
/// Order: StepStarted(Plan), StepFinished(Plan), PlanReady, then per step StepStarted, its events, StepFinished;
/// Completed is always the last call, also after a failure, a timeout or cancellation.
/// </summary>
public interface IReleaseObserver : IRolloutObserver
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

    /// <summary>Something the user should know that does not stop the release.</summary>
    void Warning(string code, string message)
    {
    }

    /// <summary>The last call: the whole result, succeeded or not.</summary>
    void Completed(ReleaseResult result)
    {
    }
}
