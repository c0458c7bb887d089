using ImageRoll.Kubernetes;

namespace ImageRoll.Rollouts;

/// <summary>
/// Turns follow results into the one error a face reports (codes IR4001-IR4009; exit codes by kind: 4 failed,
/// 5 timed out or, for a snapshot, not yet done, 3 the workload is gone; IR3114, exit 5, when the API server never
/// answered the list before the deadline).
/// </summary>
public static class RolloutFailures
{
    /// <summary>
    /// Below this, a list that never answered says more about the time left than about the API server, which answers
    /// a list of one kind in one namespace in well under a second when it is healthy: the IR3114 hint says so.
    /// </summary>
    private static readonly TimeSpan ShortWait = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Throws a <see cref="RolloutFailedException"/> (carrying all <paramref name="results"/>) for the first result
    /// that did not succeed (failures before timeouts); returns otherwise.
    /// </summary>
    public static void ThrowIfNotSucceeded(IReadOnlyList<RolloutResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var bad = results.FirstOrDefault(r => r.Outcome == RolloutOutcome.Failed)
                  ?? results.FirstOrDefault(r => r.Outcome != RolloutOutcome.Succeeded);
        if (bad is not null)
        {
            throw ToException(bad, results.Count(r => r.Outcome != RolloutOutcome.Succeeded), results);
        }
    }

    /// <summary>The error for one result; <paramref name="results"/> (default: just <paramref name="r"/>) travel with it.</summary>
    public static RolloutFailedException ToException(RolloutResult r, int failedCount = 1, IReadOnlyList<RolloutResult>? results = null)
    {
        ArgumentNullException.ThrowIfNull(r);
        results ??= [r];
        var others = failedCount > 1 ? $" ({failedCount - 1} more workload(s) did not succeed either)" : string.Empty;
        var evidence = r.Evidence is null ? null : Evidence(r.Evidence);
        var (code, kind, message, hint) = (r.Outcome, r.Reason) switch
        {
            (RolloutOutcome.Failed, "NotFound") => (RolloutCodes.WorkloadNotFound, FailureKind.OperationFailed, r.Message + others,
                "Check the workload's kind, name and namespace (-n)."),
            (RolloutOutcome.Failed, RolloutStatusViewer.UnsupportedStrategyReason) => (RolloutCodes.OnDeleteStrategy, FailureKind.RolloutFailed,
                $"{r.Workload}: {r.Message}{others}", "kubectl cannot follow an OnDelete update strategy either: pods update only when deleted. Use RollingUpdate."),
            (RolloutOutcome.Failed, RolloutStatusViewer.ManualUpdateReason or RolloutStatusViewer.PausedConfigReason or "DeploymentPaused") => (RolloutCodes.RolloutPaused, FailureKind.RolloutFailed,
                $"{r.Workload}: {r.Message}{others}", "Start or resume the rollout (oc rollout latest / oc rollout resume / kubectl rollout resume), then follow it again."),
            (RolloutOutcome.Failed, RolloutStatusViewer.TimedOutReason or RolloutStatusViewer.CancelledRolloutReason or "DeploymentFailed") => (RolloutCodes.RolloutFailed, FailureKind.RolloutFailed,
                $"{r.Workload}: {r.Message}{others}", evidence ?? "See the new ReplicaSet/RC's pods and events (kubectl describe)."),
            (RolloutOutcome.Failed, _) => (RolloutCodes.PodsFailed, FailureKind.RolloutFailed, r.Message + others,
                evidence ?? "Fix the image or the pod template and release again, or roll back (--rollback-on-failure)."),
            (RolloutOutcome.TimedOut, RolloutFollower.NoAnswerReason) => (KubeErrors.NoAnswer, FailureKind.TimedOut, r.Message + others,
                r.Elapsed < ShortWait
                    ? $"Only {Net.WaitWatch.Elapsed(r.Elapsed)} of --timeout was left to follow {r.Workload} when the earlier steps were done: allow longer with --timeout."
                    : "The API server accepted the connection but did not answer in time: check the cluster's health (kubectl get --raw /readyz) and any proxy between here and it, or allow longer with --timeout."),
            (RolloutOutcome.InProgress, _) => (RolloutCodes.NotFinishedYet, FailureKind.TimedOut, $"{r.Workload} has not finished rolling out: {r.Message}{others}",
                "Follow it with --watch (and --timeout) to wait for the end of the rollout."),
            _ => (RolloutCodes.NotFinishedInTime, FailureKind.TimedOut, r.Message + others,
                evidence ?? "Raise --timeout if the rollout is slow, or look at the new pods (kubectl get pods, kubectl describe pod)."),
        };
        return new RolloutFailedException(code, kind, message, hint, results);
    }

    private static string Evidence(RolloutEvidence e)
    {
        var lines = new List<string> { e.Describe() };
        lines.AddRange(e.Events.Select(ev => $"  event {ev.Type} {ev.Reason} on {ev.Object} (x{ev.Count}): {ev.Message}"));
        return string.Join(Environment.NewLine + "  ", lines);
    }
}
