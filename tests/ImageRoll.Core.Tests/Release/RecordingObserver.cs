using System.Collections.Concurrent;
using ImageRoll.Kubernetes;
using ImageRoll.OpenShift.ImageStreams;
using ImageRoll.OpenShift.TriggerStep;
using ImageRoll.Registry;
using ImageRoll.Release;
using ImageRoll.Rollouts;

namespace ImageRoll.Core.Tests.Release;

/// <summary>Records every observer call as one line (<c>StepStarted Plan</c>, <c>Tagged ...</c>), in order.</summary>
public sealed class RecordingObserver : IReleaseObserver
{
    public ConcurrentQueue<string> Calls { get; } = new();

    public ReleasePlan? Plan { get; private set; }

    /// <summary>The calls without the progress ones (which may come from several threads and vary in number).</summary>
    public List<string> Ordered => Calls.Where(c => !c.StartsWith("PushProgress", StringComparison.Ordinal) && !c.StartsWith("RolloutProgress", StringComparison.Ordinal)).ToList();

    public void PlanReady(ReleasePlan plan)
    {
        Plan = plan;
        Calls.Enqueue($"PlanReady {plan.Passed}");
    }

    public void StepStarted(ReleaseStep step, string description) => Calls.Enqueue($"StepStarted {step}");

    public void StepFinished(ReleaseStepResult result) => Calls.Enqueue($"StepFinished {result.Step} {result.Succeeded}");

    public void PushProgress(TransferProgress progress) => Calls.Enqueue("PushProgress");

    public void ImageReady(string digestReference) => Calls.Enqueue("ImageReady");

    public void Tagged(TagResult result) => Calls.Enqueue("Tagged");

    public void Triggered(TriggerOutcome outcome) => Calls.Enqueue($"Triggered {outcome.Workload} {outcome.Action}");

    public void RolloutProgress(RolloutProgress progress) => Calls.Enqueue("RolloutProgress");

    public void RolloutFinished(RolloutResult result) => Calls.Enqueue($"RolloutFinished {result.Workload} {result.Outcome}");

    public void RollbackStarted(WorkloadRef workload, string reason) => Calls.Enqueue($"RollbackStarted {workload}");

    public void RollbackFinished(WorkloadRef workload, RollbackResult result) => Calls.Enqueue($"RollbackFinished {workload} {result.Performed}");

    public void Warning(string code, string message) => Calls.Enqueue($"Warning {code}");

    public void Completed(ReleaseResult result) => Calls.Enqueue($"Completed {result.Status}");

    /// <summary>Waits (with a deadline, polling the recorded calls) until a call starting with <paramref name="prefix"/> was made.</summary>
    public async Task WaitForAsync(string prefix, int timeoutMs = 10_000)
    {
        var until = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (!Calls.Any(c => c.StartsWith(prefix, StringComparison.Ordinal)))
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"no '{prefix}' call; saw: {string.Join(", ", Calls)}");
            }

            await Task.Delay(5);
        }
    }
}
