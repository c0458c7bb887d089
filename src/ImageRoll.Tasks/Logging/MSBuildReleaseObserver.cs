using System.Collections.Concurrent;
using System.Globalization;
using ImageRoll.Kubernetes;
using ImageRoll.OpenShift.ImageStreams;
using ImageRoll.OpenShift.TriggerStep;
using ImageRoll.Registry;
using ImageRoll.Release;
using ImageRoll.Rollouts;
using Microsoft.Build.Framework;

namespace ImageRoll.Tasks.Logging;

/// <summary>
/// The release as MSBuild shows it. At normal verbosity (<c>-v:n</c>): each step, the trigger, kubectl's words as
/// they change, each workload's result. At minimal (the <c>dotnet publish</c> default): the image, each workload's
/// result and the summary, like PublishContainer's "Pushed image" line. Blob progress is low importance (<c>-v:d</c>).
/// Warnings carry their IR code in MSBuild's Code field; the release's error is reported by the task from the result.
/// </summary>
public sealed class MSBuildReleaseObserver(TaskLogSink sink) : IReleaseObserver
{
    private const string Prefix = "ImageRoll: ";
    private readonly ConcurrentDictionary<WorkloadRef, string> _lastProgress = new();

    public void PlanReady(ReleasePlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var importance = plan.Checks.Count > 0 && !plan.Passed ? MessageImportance.High : MessageImportance.Normal;
        sink.Message(importance, $"{Prefix}plan: {plan.Source} -> {plan.DigestReference ?? plan.Image}" +
            (plan.StreamTag is null ? string.Empty : $", tag {plan.StreamTag}") + $", trigger {plan.Trigger}");
        foreach (var workload in plan.Workloads)
        {
            sink.Message(importance, $"{Prefix}  {workload.Workload}: {workload.Action}" + (workload.CurrentImage is null ? string.Empty : $" (now {workload.CurrentImage})"));
        }

        foreach (var check in plan.Checks)
        {
            sink.Message(check.Passed ? MessageImportance.Low : MessageImportance.High,
                $"{Prefix}  check {check.Name}: {(check.Passed ? "ok" : "FAILED")} {check.Message}".TrimEnd());
        }
    }

    public void StepStarted(ReleaseStep step, string description) =>
        sink.Message(MessageImportance.Normal, $"{Prefix}{StepName(step)}: {description}");

    public void StepFinished(ReleaseStepResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        sink.Message(MessageImportance.Normal,
            string.Create(CultureInfo.InvariantCulture, $"{Prefix}{StepName(result.Step)} {(result.Succeeded ? "done" : "failed")} in {result.Elapsed.TotalSeconds:0.0}s: {result.Summary}"));
    }

    public void PushProgress(TransferProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        sink.Message(MessageImportance.Low, $"{Prefix}  {progress.Outcome} {progress.Blob.Digest} ({progress.Blob.Size} bytes) [{progress.BlobsDone}/{progress.BlobsTotal}]");
    }

    public void ImageReady(string digestReference) => sink.Message(MessageImportance.High, $"{Prefix}image {digestReference}");

    public void Tagged(TagResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        sink.Message(MessageImportance.Normal, $"{Prefix}tagged {result.Namespace}/{result.Stream}:{result.Tag} -> {result.ResolvedPullSpec}");
        if (!string.IsNullOrEmpty(result.Warning))
        {
            sink.Warning(null, $"{Prefix}{result.Warning}");
        }
    }

    public void Triggered(TriggerOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var action = outcome.Action switch
        {
            TriggerAction.AlreadyCurrent => "already runs",
            TriggerAction.ControllerUpdated => "trigger fired:",
            TriggerAction.Patched => "patched to",
            _ => "instantiated with",
        };
        sink.Message(MessageImportance.Normal, $"{Prefix}{outcome.Workload} {action} {outcome.Value}");
    }

    public void RolloutProgress(RolloutProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        // kubectl repeats its words on every event; the log gets each distinct line once per workload.
        var line = progress.Reason is null ? progress.Message : $"{progress.Message} ({progress.Reason})";
        if (_lastProgress.TryGetValue(progress.Workload, out var last) && last == line)
        {
            return;
        }

        _lastProgress[progress.Workload] = line;
        sink.Message(MessageImportance.Normal, $"{Prefix}{progress.Workload}: {line}");
    }

    public void RolloutFinished(RolloutResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var evidence = result.Evidence is null ? string.Empty : $" [{result.Evidence.Describe()}]";
        sink.Message(MessageImportance.High,
            string.Create(CultureInfo.InvariantCulture, $"{Prefix}{result.Workload} {result.Outcome.ToString().ToLowerInvariant()} in {result.Elapsed.TotalSeconds:0.0}s: {result.Message}{evidence}"));
    }

    public void RollbackStarted(WorkloadRef workload, string reason) =>
        sink.Message(MessageImportance.High, $"{Prefix}rolling back {workload}: {reason}");

    public void RollbackFinished(WorkloadRef workload, RollbackResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        sink.Message(MessageImportance.High, $"{Prefix}rollback of {workload}: {result.Description}" + (result.Message is null ? string.Empty : $" ({result.Message})"));
    }

    public void Warning(string code, string message) => sink.Warning(code, message);

    public void Completed(ReleaseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var summary = result.Status switch
        {
            ReleaseStatus.Succeeded => $"released {result.DigestReference}" + (result.StreamTag is null ? string.Empty : $" through {result.StreamTag}"),
            ReleaseStatus.Planned => "dry run: nothing was changed",
            _ => $"release {result.Status.ToString().ToLowerInvariant()}",
        };
        sink.Message(MessageImportance.High, string.Create(CultureInfo.InvariantCulture,
            $"{Prefix}{summary}; {result.Workloads.Count(w => w.Outcome == WorkloadOutcome.Succeeded)}/{result.Workloads.Count} workloads rolled out in {result.Elapsed.TotalSeconds:0.0}s"));
    }

    private static string StepName(ReleaseStep step) => step.ToString().ToLowerInvariant();
}
