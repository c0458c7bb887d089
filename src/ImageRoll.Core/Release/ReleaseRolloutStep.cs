using ImageRoll.OpenShift.TriggerStep;
using ImageRoll.Rollouts;
using Microsoft.Extensions.Logging;

namespace ImageRoll.Release;

/// <summary>
/// The rollout and rollback steps over <see cref="RolloutSupervisor"/>, sharing the release's deadline: the follow
/// gets the time left (less the rollback's share with rollback on), the rollback what remains after it. Results land
/// in the per-workload state as soon as the follow ends, so a deadline hit during the rollback keeps the evidence.
/// </summary>
internal static class ReleaseRolloutStep
{
    public static RolloutSupervisorOptions Options(ReleaseRun run) => new()
    {
        Deadline = run.Deadline,
        GracePeriod = run.Options.GracePeriod,
        RollbackOnFailure = run.Options.RollbackOnFailure,
        StreamTag = run.StreamTag,
        TriggerApplies = run.StreamTag is not null && run.Options.Trigger == TriggerMode.Wait,
    };

    public static async Task<(IReadOnlyList<RolloutResult> Results, string Summary)> FollowAsync(ReleaseRun run, RolloutSupervisor supervisor, CancellationToken cancellationToken)
    {
        var refs = run.Outcomes.Select(o => o.Workload).Distinct().ToList();
        var results = await supervisor.FollowAsync(refs, Options(run), run.Observer, cancellationToken).ConfigureAwait(false);
        await RecordAsync(run, results, cancellationToken).ConfigureAwait(false);
        var failed = results.Count(r => r.Outcome != RolloutOutcome.Succeeded);
        var summary = failed == 0
            ? $"{results.Count} workload(s) rolled out"
            : string.Join("; ", results.Where(r => r.Outcome != RolloutOutcome.Succeeded).Select(r => $"{r.Workload} {r.Outcome.ToString().ToLowerInvariant()}: {r.Message}"));
        return (results, summary);
    }

    public static async Task<(RolloutSupervision Supervision, string Summary)> RollBackAsync(ReleaseRun run, RolloutSupervisor supervisor, IReadOnlyList<RolloutResult> results, CancellationToken cancellationToken)
    {
        var supervision = await supervisor.RollBackAsync(results, run.Outcomes, Options(run), run.Observer, cancellationToken).ConfigureAwait(false);
        foreach (var r in supervision.Results.Where(r => r.Rollback is not null))
        {
            run.Update(r.Workload, w => w with { Rollback = r.Rollback });
        }

        var summary = string.Join("; ", supervision.Results.Where(r => r.Rollback is not null).Select(r => $"{r.Workload}: {r.Rollback!.Description}"));
        if (supervision.RollbackError is not null)
        {
            // The rollback's own error decides the code and the exit; the rollout's evidence is already recorded.
            throw supervision.ToException()!;
        }

        return (supervision, summary);
    }

    /// <summary>Each followed workload's outcome, kubectl's last words, evidence, duration and revision.</summary>
    private static async Task RecordAsync(ReleaseRun run, IReadOnlyList<RolloutResult> results, CancellationToken cancellationToken)
    {
        foreach (var r in results)
        {
            var revision = await WorkloadRevisions.ReadAsync(run.Kube, r.Workload, cancellationToken).ConfigureAwait(false);
            run.Update(r.Workload, w => w with
            {
                Outcome = r.Outcome switch
                {
                    RolloutOutcome.Succeeded => WorkloadOutcome.Succeeded,
                    RolloutOutcome.TimedOut => WorkloadOutcome.TimedOut,
                    RolloutOutcome.InProgress => WorkloadOutcome.Triggered,
                    _ => WorkloadOutcome.Failed,
                },
                Message = r.Message,
                Evidence = r.Evidence,
                Revision = revision ?? w.Revision,
                RolloutDuration = r.Elapsed,
            });
        }

        run.Logger.LogDebug("Followed {Count} workload(s).", results.Count);
    }
}
