using ImageRoll.Kubernetes;
using ImageRoll.OpenShift.ImageStreams;
using ImageRoll.OpenShift.TriggerStep;
using ImageRoll.Registry;
using ImageRoll.Release;
using ImageRoll.Rollouts;
using Microsoft.Extensions.Logging;

namespace ImageRoll.Cli.Reporting;

/// <summary>
/// The release as a person reads it on stderr, in <see cref="ReleaseText"/>'s words. Subclasses decide how:
/// <see cref="PlainReleaseConsole"/> (one line per state change: pipes, Jenkins, GitHub Actions) or
/// <see cref="LiveReleaseConsole"/> (a terminal: finished steps scroll, push and rollout progress redraw in place).
/// Thread-safe: push and rollout progress come from several threads.
/// </summary>
public abstract class ReleaseConsole(LogLevel level) : IReleaseObserver
{
    protected object Gate { get; } = new();

    protected bool Normal => level <= LogLevel.Information;

    /// <summary>
    /// A text-mode dry run: the plan is the command's result, printed once on stdout when the dry run succeeds (or
    /// on stderr with the error when it does not: ReleaseCommand.Write), so the console does not print it too.
    /// </summary>
    public bool PlanIsResult { get; set; }

    public void PlanReady(ReleasePlan plan)
    {
        if (Normal && !PlanIsResult)
        {
            Lines(ReleaseText.Plan(plan));
        }
    }

    public void StepStarted(ReleaseStep step, string description)
    {
        if (Normal && step != ReleaseStep.Plan)
        {
            Lines([$"{ReleaseText.StepName(step)}: {description}"]);
        }
    }

    public void StepFinished(ReleaseStepResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Step == ReleaseStep.Image)
        {
            Status("push", null);
        }

        if (Normal || (!result.Succeeded && level <= LogLevel.Error))
        {
            var how = result.Succeeded ? "done" : "FAILED";
            Lines([$"{ReleaseText.StepName(result.Step)} {how} in {Util.GoDuration.Format(ReleaseText.Round(result.Elapsed))}: {result.Summary}"]);
        }
    }

    public abstract void PushProgress(TransferProgress progress);

    public void ImageReady(string digestReference)
    {
        Status("push", null);
        if (Normal)
        {
            Lines([$"image {digestReference}"]);
        }
    }

    public void Tagged(TagResult result)
    {
        if (Normal)
        {
            Lines([ReleaseText.Tagged(result)]);
        }
    }

    public void Triggered(TriggerOutcome outcome)
    {
        if (Normal)
        {
            Lines([ReleaseText.Triggered(outcome)]);
        }
    }

    public void RolloutProgress(RolloutProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        if (Normal || (progress.State == RolloutState.Failed && level <= LogLevel.Error))
        {
            Status(progress.Workload.ToString(), $"{progress.Workload}: {progress.Message}");
        }
    }

    public void RolloutFinished(RolloutResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        Status(result.Workload.ToString(), null);
        if (Normal || (result.Outcome != RolloutOutcome.Succeeded && level <= LogLevel.Error))
        {
            Lines(ReleaseText.RolloutFinished(result));
        }
    }

    public void RollbackStarted(WorkloadRef workload, string reason)
    {
        if (level <= LogLevel.Warning)
        {
            Lines([$"{workload}: rolling back: {reason}"]);
        }
    }

    public void RollbackFinished(WorkloadRef workload, RollbackResult result)
    {
        Status(workload?.ToString() ?? string.Empty, null);
        if (level <= LogLevel.Warning)
        {
            Lines([ReleaseText.Rollback(workload?.ToString() ?? string.Empty, result)]);
        }
    }

    public void Warning(string code, string message)
    {
        if (level <= LogLevel.Warning)
        {
            Lines([$"warning {code}: {message}"]);
        }
    }

    public void Completed(ReleaseResult result)
    {
        Status("push", null);
        ClearStatus();
        if (Normal && result is not null && result.Steps.Count > 0)
        {
            Lines([ReleaseText.Completed(result)]);
        }
    }

    /// <summary>A line of the engine's own log, printed as a line that stays.</summary>
    public void Log(string line) => Lines([line]);

    /// <summary>Lines that stay (finished steps, results).</summary>
    protected abstract void Lines(IEnumerable<string> lines);

    /// <summary>A state that changes (one per <paramref name="key"/>); null ends it.</summary>
    protected abstract void Status(string key, string? text);

    protected virtual void ClearStatus()
    {
    }
}
