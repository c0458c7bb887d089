using ImageRoll.Kubernetes;
using ImageRoll.OpenShift.ImageStreams;
using ImageRoll.OpenShift.TriggerStep;
using ImageRoll.Registry;
using ImageRoll.Release;
using ImageRoll.Rollouts;

namespace ImageRoll.Cli.Reporting;

/// <summary>
/// Several faces at once (console, GitHub Actions, ...). Beginnings go to them in order and endings in reverse, so a
/// wrapper listed first (a <c>::group::</c>) opens before and closes after the console's lines of that step.
/// </summary>
public sealed class CompositeReleaseObserver(IReadOnlyList<IReleaseObserver> observers) : IReleaseObserver
{
    /// <summary>The console among the observers, which owns stderr's lines.</summary>
    public ReleaseConsole? Console => observers.OfType<ReleaseConsole>().FirstOrDefault();

    public void PlanReady(ReleasePlan plan) => Each(o => o.PlanReady(plan));

    public void StepStarted(ReleaseStep step, string description) => Each(o => o.StepStarted(step, description));

    public void StepFinished(ReleaseStepResult result) => EachReversed(o => o.StepFinished(result));

    public void PushProgress(TransferProgress progress) => Each(o => o.PushProgress(progress));

    public void ImageReady(string digestReference) => Each(o => o.ImageReady(digestReference));

    public void Tagged(TagResult result) => Each(o => o.Tagged(result));

    public void Triggered(TriggerOutcome outcome) => Each(o => o.Triggered(outcome));

    public void RolloutProgress(RolloutProgress progress) => Each(o => o.RolloutProgress(progress));

    public void RolloutFinished(RolloutResult result) => Each(o => o.RolloutFinished(result));

    public void RollbackStarted(WorkloadRef workload, string reason) => Each(o => o.RollbackStarted(workload, reason));

    public void RollbackFinished(WorkloadRef workload, RollbackResult result) => Each(o => o.RollbackFinished(workload, result));

    public void Warning(string code, string message) => Each(o => o.Warning(code, message));

    public void Completed(ReleaseResult result) => EachReversed(o => o.Completed(result));

    private void Each(Action<IReleaseObserver> call)
    {
        foreach (var o in observers)
        {
            call(o);
        }
    }

    private void EachReversed(Action<IReleaseObserver> call)
    {
        for (var i = observers.Count - 1; i >= 0; i--)
        {
            call(observers[i]);
        }
    }
}
