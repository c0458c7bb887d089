using System.Threading.Channels;
using ImageRoll.Kubernetes;
using ImageRoll.Kubernetes.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ImageRoll.Rollouts;

/// <summary>
/// Follows many workloads at once over watches, as <c>kubectl rollout status</c> does for one (list, then watch from
/// the list's resourceVersion; kubernetes/kubectl pkg/cmd/rollout/rollout_status.go), but with one list+watch per
/// resource and namespace instead of one per object. It applies kubectl's/oc's check (<see cref="RolloutStatusViewer"/>)
/// on every change, reports kubectl's words to the observer, and fails early, with evidence, when the new pods are
/// stuck for longer than the grace period where kubectl would wait for its deadline. Time comes from the injected
/// <see cref="TimeProvider"/>, so the grace period and the timeout are testable without waiting.
/// </summary>
public sealed class RolloutFollower
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    private readonly IKubeApi _api;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public RolloutFollower(IKubeApi api, TimeProvider? time = null, ILogger? logger = null)
    {
        _api = api;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Follows until every workload succeeded, failed or timed out; throws only on cancellation.</summary>
    public async Task<IReadOnlyList<RolloutResult>> FollowAsync(
        IReadOnlyList<WorkloadRef> workloads, RolloutFollowOptions options, IProgress<RolloutProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workloads);
        ArgumentNullException.ThrowIfNull(options);
        var started = _time.GetUtcNow();
        var deadline = options.Timeout > TimeSpan.Zero ? started + options.Timeout : DateTimeOffset.MaxValue;
        var grace = options.EffectiveGracePeriod;
        var trackers = workloads.Select(w => new WorkloadTracker(w, w.Namespace ?? _api.DefaultNamespace, started)).ToList();
        var cache = new ClusterCache();
        var channel = Channel.CreateUnbounded<Action?>(new UnboundedChannelOptions { SingleReader = true });

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pendingLists = 0;
        var listed = new HashSet<(ResourceKind, string)>();
        var pumps = new List<Task>();
        void Start(IEnumerable<WatchFeed> feeds)
        {
            foreach (var f in feeds)
            {
                pendingLists++;
                pumps.Add(Task.Run(() => f.Pump(this, cache, channel.Writer, options.Watch, () =>
                {
                    pendingLists--;
                    listed.Add((f.Kind, f.Namespace));
                }, stop.Token), CancellationToken.None));
            }
        }

        // A snapshot (--watch=false) of workloads that are done needs only the workloads, as kubectl's one GET does:
        // the pods and ReplicaSets that diagnose a waiting one are listed once one is seen waiting. Followed, they
        // are watched from the start. (ReplicationControllers always: a DeploymentConfig's verdict reads its latest RC.)
        var deferDiagnosis = options.Diagnose && !options.Watch;
        Start(Feeds(trackers, options.Diagnose, deferDiagnosis));
        using var timer = _time.CreateTimer(_ => channel.Writer.TryWrite(null), null, Clamp(deadline - started), Timeout.InfiniteTimeSpan);
        try
        {
            while (trackers.Any(t => t.Result is null))
            {
                var item = await channel.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                // One evaluation per change, as kubectl prints one line per watch event.
                item?.Invoke();
                var now = _time.GetUtcNow();
                if (pendingLists > 0 && now < deadline)
                {
                    // Until every first list has answered only the deadline wakes the loop. The system timer may
                    // fire a little before the wall clock reaches the deadline; arm it again, or a list that never
                    // answers would keep the follow waiting past --timeout.
                    timer.Change(Clamp(deadline - now), Timeout.InfiniteTimeSpan);
                    continue;
                }

                if (deferDiagnosis && now < deadline
                    && trackers.Any(t => t.Result is null && listed.Contains((t.Workload.Kind, t.Namespace)) && t.Check(cache).State == RolloutState.Waiting))
                {
                    deferDiagnosis = false;
                    Start(DiagnosisFeeds(trackers, replicationControllers: false));
                    timer.Change(Clamp(deadline - now), Timeout.InfiniteTimeSpan);
                    continue;
                }

                DateTimeOffset nextWake = deadline;
                foreach (var t in trackers.Where(t => t.Result is null))
                {
                    if (!listed.Contains((t.Workload.Kind, t.Namespace)))
                    {
                        // Only at the deadline: the API server never answered the list, so nothing is known about the
                        // workload. Saying "not found" would be a guess (issue 12, class 4).
                        t.Result = NoAnswer(t, now - t.Started);
                        continue;
                    }

                    var wake = await EvaluateAsync(t, cache, now, now >= deadline, options, grace, progress, cancellationToken).ConfigureAwait(false);
                    if (wake < nextWake)
                    {
                        nextWake = wake;
                    }
                }

                timer.Change(Clamp(nextWake - _time.GetUtcNow()), Timeout.InfiniteTimeSpan);
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(pumps.Select(p => p.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default))).ConfigureAwait(false);
        }

        return trackers.Select(t => t.Result!).ToList();
    }

    private async Task<DateTimeOffset> EvaluateAsync(
        WorkloadTracker t, ClusterCache cache, DateTimeOffset now, bool timedOut, RolloutFollowOptions options, TimeSpan grace,
        IProgress<RolloutProgress>? progress, CancellationToken cancellationToken)
    {
        var verdict = t.Check(cache);
        var nextWake = DateTimeOffset.MaxValue;
        if (verdict.State == RolloutState.Waiting && options.Diagnose)
        {
            var failure = t.Diagnose(cache, now, grace, out var wake, out var noticed);
            foreach (var s in noticed)
            {
                Report(progress, t, RolloutState.Waiting, new RolloutEvidence(s.Pod, s.Container, s.Reason, s.Message, s.RestartCount, TimeSpan.Zero, t.Revision, []).Describe(), s.Reason, now);
            }

            verdict = options.Watch ? failure ?? verdict : verdict;
            nextWake = wake ?? nextWake;
        }

        if (verdict.Message != t.LastMessage && verdict.State != RolloutState.Failed)
        {
            t.LastMessage = verdict.Message;
            Report(progress, t, verdict.State, verdict.Message, null, now);
        }

        var elapsed = now - t.Started;
        switch (verdict.State)
        {
            case RolloutState.Done:
                t.Result = new RolloutResult(t.Workload, RolloutOutcome.Succeeded, verdict.Message, null, elapsed);
                break;
            case RolloutState.Failed:
                t.Result = new RolloutResult(t.Workload, RolloutOutcome.Failed, verdict.Message, verdict.Reason, elapsed,
                    await EvidenceAsync(t, verdict.Reason!, cancellationToken).ConfigureAwait(false));
                Report(progress, t, RolloutState.Failed, verdict.Message, verdict.Reason, now);
                break;
            case RolloutState.Waiting when timedOut || !options.Watch:
                var outcome = options.Watch ? RolloutOutcome.TimedOut : RolloutOutcome.InProgress;
                var message = options.Watch
                    ? $"{t.Workload} did not finish rolling out within {Util.GoDuration.Format(options.Timeout)}: {verdict.Message}"
                    : verdict.Message;
                t.Result = new RolloutResult(t.Workload, outcome, message, outcome.ToString(), elapsed,
                    t.WorstStuck is null ? null : await EvidenceAsync(t, t.WorstStuck.Value.Pod.Reason, cancellationToken).ConfigureAwait(false));
                break;
        }

        return nextWake;
    }

    private async Task<RolloutEvidence?> EvidenceAsync(WorkloadTracker t, string reason, CancellationToken cancellationToken)
    {
        if (t.WorstStuck is not { } worst)
        {
            return t.Revision is null ? null : new RolloutEvidence(null, null, reason, null, 0, TimeSpan.Zero, t.Revision,
                await EventCollector.CollectAsync(_api, t.Namespace, t.Revision, _logger, cancellationToken).ConfigureAwait(false));
        }

        var p = worst.Pod;
        var events = await EventCollector.CollectAsync(_api, t.Namespace, p.Pod, _logger, cancellationToken).ConfigureAwait(false);
        return new RolloutEvidence(p.Pod, p.Container, p.Reason, p.Message, p.RestartCount, worst.For, t.Revision, events);
    }

    /// <summary>The time in the message is the time really waited (the command may have spent some of its deadline before).</summary>
    private static RolloutResult NoAnswer(WorkloadTracker t, TimeSpan elapsed) =>
        new(t.Workload, RolloutOutcome.TimedOut,
            $"the API server did not answer the list of {t.Workload.Kind.QualifiedName} in namespace \"{t.Namespace}\" within {Net.WaitWatch.Elapsed(elapsed)}, when the time ran out; the state of {t.Workload} is unknown",
            NoAnswerReason, elapsed);

    /// <summary>The reason of a result whose workload could not be read at all before the deadline.</summary>
    internal const string NoAnswerReason = "NoAnswer";

    private static void Report(IProgress<RolloutProgress>? progress, WorkloadTracker t, RolloutState state, string message, string? reason, DateTimeOffset at) =>
        progress?.Report(new RolloutProgress(t.Workload, state, message, reason, at));

    private static TimeSpan Clamp(TimeSpan due) =>
        due < TimeSpan.Zero ? TimeSpan.Zero : due > TimeSpan.FromDays(1) ? TimeSpan.FromDays(1) : due;

    /// <summary>
    /// One list+watch per (resource, namespace): the workload kinds followed, plus the pods, ReplicaSets and RCs
    /// diagnosis reads; with <paramref name="deferDiagnosis"/> only the RCs of these (a DeploymentConfig's verdict needs them).
    /// </summary>
    private static IEnumerable<WatchFeed> Feeds(List<WorkloadTracker> trackers, bool diagnose, bool deferDiagnosis)
    {
        foreach (var group in trackers.GroupBy(t => (t.Workload.Kind, t.Namespace)))
        {
            yield return WatchFeed.For(group.Key.Kind, group.Key.Namespace, optional: false);
        }

        if (!diagnose)
        {
            yield break;
        }

        foreach (var feed in DiagnosisFeeds(trackers, replicationControllers: true).Where(f => !deferDiagnosis || f.Kind == ResourceKind.ReplicationControllers))
        {
            yield return feed;
        }
    }

    /// <summary>Pods (of every kind but CronJobs), ReplicaSets (Deployments) and, if asked, RCs (DeploymentConfigs), per namespace.</summary>
    private static IEnumerable<WatchFeed> DiagnosisFeeds(List<WorkloadTracker> trackers, bool replicationControllers)
    {
        foreach (var ns in trackers.Select(t => t.Namespace).Distinct(StringComparer.Ordinal))
        {
            var kinds = trackers.Where(t => t.Namespace == ns).Select(t => t.Workload.Kind).ToHashSet();
            if (kinds.Overlaps([ResourceKind.Deployments, ResourceKind.StatefulSets, ResourceKind.DaemonSets, ResourceKind.DeploymentConfigs]))
            {
                yield return WatchFeed.For(ResourceKind.Pods, ns, optional: true);
            }

            if (kinds.Contains(ResourceKind.Deployments))
            {
                yield return WatchFeed.For(ResourceKind.ReplicaSets, ns, optional: true);
            }

            if (replicationControllers && kinds.Contains(ResourceKind.DeploymentConfigs))
            {
                yield return WatchFeed.For(ResourceKind.ReplicationControllers, ns, optional: true);
            }
        }
    }

    internal IKubeApi Api => _api;

    internal TimeProvider Time => _time;

    internal ILogger Logger => _logger;

    internal static TimeSpan WatchRetryDelay => RetryDelay;
}
