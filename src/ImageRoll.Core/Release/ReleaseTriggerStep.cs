using ImageRoll.OpenShift.ImageStreams;
using ImageRoll.OpenShift.TriggerStep;
using Microsoft.Extensions.Logging;

namespace ImageRoll.Release;

/// <summary>
/// The trigger step, one workload at a time (each gets its own duration and observer call): with a stream tag the
/// existing <see cref="TriggerRunner"/> in wait or patch mode over the workloads the plan checked; on plain
/// Kubernetes <see cref="DirectImageRollout"/> sets the digest reference on the container the plan chose.
/// </summary>
internal static class ReleaseTriggerStep
{
    public static async Task<(IReadOnlyList<TriggerOutcome> Outcomes, string Summary)> RunAsync(ReleaseRun run, CancellationToken cancellationToken)
    {
        var o = run.Options;
        var logger = run.Services.LoggerFactory.CreateLogger("ImageRoll.Rollout");
        var outcomes = new List<TriggerOutcome>();
        foreach (var target in run.Targets)
        {
            var started = run.Time.GetUtcNow();
            TriggerOutcome outcome;
            if (run.StreamTag is { } tag)
            {
                var options = new TriggerOptions(tag, [target.Workload], o.Trigger)
                {
                    IgnorePaused = o.IgnorePaused,
                    Grace = run.Remaining < o.TriggerGrace ? run.Remaining : o.TriggerGrace,
                    Container = o.Container,
                    WorkloadNamespace = target.Workload.Namespace,
                };
                outcome = (await new TriggerRunner(run.Kube, logger).RunAsync(options, cancellationToken).ConfigureAwait(false))[0];
                if (outcome.Action == TriggerAction.AlreadyCurrent && o.Trigger == TriggerMode.Wait && target.Planned.CurrentImage != outcome.Value)
                {
                    // The controller reacted to the tag before the trigger step looked: it did change the workload.
                    outcome = outcome with { Action = TriggerAction.ControllerUpdated };
                }
            }
            else
            {
                outcome = await new DirectImageRollout(run.Kube, logger)
                    .RollAsync(target.Workload, DigestPullSpec.Parse(run.DigestReference!), target.Planned.Containers[0], cancellationToken).ConfigureAwait(false);
            }

            run.Outcomes.Add(outcome);
            run.Update(target.Workload, w => w with
            {
                Outcome = WorkloadOutcome.Triggered,
                Message = $"{outcome.Action}: {string.Join(", ", outcome.Containers)} = {outcome.Value}",
                Trigger = outcome.Action,
                Image = outcome.Value,
                Containers = outcome.Containers,
                TriggerDuration = run.Time.GetUtcNow() - started,
            });
            run.Observer.Triggered(outcome);
            outcomes.Add(outcome);
        }

        run.PullSpec = outcomes.FirstOrDefault()?.Value ?? run.Tag?.ResolvedPullSpec ?? run.DigestReference;
        var summary = string.Join("; ", outcomes.Select(x => $"{x.Workload} {Words(x.Action)}"));
        return (outcomes, summary.Length == 0 ? "no workloads" : summary);
    }

    private static string Words(TriggerAction action) => action switch
    {
        TriggerAction.AlreadyCurrent => "already current",
        TriggerAction.ControllerUpdated => "updated by the trigger controller",
        TriggerAction.Patched => "patched",
        _ => "instantiated",
    };
}
