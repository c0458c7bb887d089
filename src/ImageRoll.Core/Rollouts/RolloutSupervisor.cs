using ImageRoll.Kubernetes;
using ImageRoll.OpenShift.TriggerStep;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ImageRoll.Rollouts;

/// <summary>
/// Follows the rollouts a trigger step started and, with <see cref="RolloutSupervisorOptions.RollbackOnFailure"/>,
/// rolls failed or timed-out workloads back (the stream tag first, when one drove the rollout; see
/// <see cref="RollbackRunner"/>), all under ONE deadline. The budget: the follow gets the time left minus
/// <see cref="RolloutSupervisorOptions.RollbackShare"/> of it when rollback is on (all of it otherwise), less a
/// small reserve (5 % of its share, at most 5 s) for reading the evidence; each rollback gets whatever is left until
/// the deadline. So <c>--rollback-on-failure</c> never starts a second timeout. Used by <c>imageroll rollout</c> and
/// by the release engine; the two phases are separate so a caller can report them as two steps.
/// </summary>
public sealed class RolloutSupervisor(IKubeApi api, TimeProvider? time = null, ILogger? logger = null)
{
    private static readonly TimeSpan MaxEvidenceReserve = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Minimum = TimeSpan.FromMilliseconds(1);
    private readonly TimeProvider _clock = time ?? TimeProvider.System;
    private readonly ILogger _log = logger ?? NullLogger.Instance;

    /// <summary>Follows then rolls back, as one call.</summary>
    public async Task<RolloutSupervision> RunAsync(IReadOnlyList<TriggerOutcome> outcomes, RolloutSupervisorOptions options, IRolloutObserver? observer, CancellationToken cancellationToken)
    {
        var results = await FollowAsync(outcomes.Select(o => o.Workload).Distinct().ToList(), options, observer, cancellationToken).ConfigureAwait(false);
        return await RollBackAsync(results, outcomes, options, observer, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The time the follow may take, starting now (never zero: <see cref="RolloutFollower"/> reads zero as "no limit").</summary>
    public TimeSpan FollowBudget(RolloutSupervisorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var left = options.Deadline - _clock.GetUtcNow();
        if (options.RollbackOnFailure)
        {
            left *= 1 - Math.Clamp(options.RollbackShare, 0, 0.9);
        }

        var reserve = left / 20 < MaxEvidenceReserve ? left / 20 : MaxEvidenceReserve;
        left -= reserve;
        return left > Minimum ? left : Minimum;
    }

    /// <summary>Follows every workload to its end (or to the follow's share of the deadline); throws only on cancellation.</summary>
    public async Task<IReadOnlyList<RolloutResult>> FollowAsync(IReadOnlyList<WorkloadRef> workloads, RolloutSupervisorOptions options, IRolloutObserver? observer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workloads);
        ArgumentNullException.ThrowIfNull(options);
        if (workloads.Count == 0)
        {
            return [];
        }

        var follow = new RolloutFollowOptions { Timeout = FollowBudget(options), GracePeriod = options.GracePeriod, Diagnose = options.Diagnose };
        var progress = observer is null ? null : new ObserverProgress(observer);
        var results = await new RolloutFollower(api, _clock, _log).FollowAsync(workloads, follow, progress, cancellationToken).ConfigureAwait(false);
        foreach (var r in results)
        {
            observer?.RolloutFinished(r);
        }

        return results;
    }

    /// <summary>
    /// With rollback on, rolls back every failed or timed-out workload (not a missing one) in turn, each until the
    /// deadline; without it, returns the results as they are. A rollback that cannot be done is recorded on its
    /// result (<see cref="RollbackResult.Performed"/> false) and the first such error is returned; the others are
    /// still attempted.
    /// </summary>
    public async Task<RolloutSupervision> RollBackAsync(IReadOnlyList<RolloutResult> results, IReadOnlyList<TriggerOutcome> outcomes, RolloutSupervisorOptions options, IRolloutObserver? observer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentNullException.ThrowIfNull(options);
        var list = results.ToList();
        RolloutResult? failedFor = null;
        ImageRollException? error = null;
        if (!options.RollbackOnFailure)
        {
            return new RolloutSupervision(list);
        }

        var progress = observer is null ? null : new ObserverProgress(observer);
        for (var i = 0; i < list.Count; i++)
        {
            var r = list[i];
            if (!NeedsRollback(r))
            {
                continue;
            }

            observer?.RollbackStarted(r.Workload, r.Message);
            RollbackResult rollback;
            var left = options.Deadline - _clock.GetUtcNow();
            if (left <= Minimum)
            {
                var message = "the deadline passed before the rollback could start";
                rollback = new RollbackResult(false, $"rollback not started: {message}", null, [], null, null, message);
                error ??= new ImageRollException(RolloutCodes.RollbackDeadline, FailureKind.TimedOut, $"{r.Workload}: {message}.",
                    "Raise --timeout: the rollback shares the one deadline with the rest of the run.");
                failedFor ??= r;
            }
            else
            {
                var value = outcomes.FirstOrDefault(o => o.Workload == r.Workload)?.Value;
                var request = new RollbackRequest(r.Workload, options.StreamTag, value, options.TriggerApplies);
                var follow = new RolloutFollowOptions { Timeout = left, GracePeriod = options.GracePeriod, Diagnose = options.Diagnose };
                try
                {
                    rollback = await new RollbackRunner(api, _clock, _log).RunAsync(request, follow, progress, cancellationToken).ConfigureAwait(false);
                }
                catch (ImageRollException ex) when (ex is not RolloutFailedException)
                {
                    // The rollback's own error (e.g. the stream tag could not be re-pointed) must not hide the
                    // rollout's evidence: both travel on, the rollback's code decides the exit.
                    rollback = new RollbackResult(false, $"rollback failed: {ex.Message}", null, [], null, null, ex.Message);
                    error ??= ex;
                    failedFor ??= r;
                }
            }

            observer?.RollbackFinished(r.Workload, rollback);
            list[i] = r with { Rollback = rollback };
            if (ReferenceEquals(failedFor, r))
            {
                failedFor = list[i];
            }
        }

        return new RolloutSupervision(list, failedFor, error);
    }

    private static bool NeedsRollback(RolloutResult r) =>
        r.Outcome is RolloutOutcome.Failed or RolloutOutcome.TimedOut && r.Reason != "NotFound";

    private sealed class ObserverProgress(IRolloutObserver observer) : IProgress<RolloutProgress>
    {
        public void Report(RolloutProgress value) => observer.RolloutProgress(value);
    }
}
