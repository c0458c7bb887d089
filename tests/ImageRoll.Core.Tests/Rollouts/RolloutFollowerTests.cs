using ImageRoll.Core.Tests.Rollouts.Fakes;
using ImageRoll.Kubernetes;
using ImageRoll.Rollouts;

namespace ImageRoll.Core.Tests.Rollouts;

public sealed class RolloutFollowerTests
{
    private static readonly WorkloadRef Web = WorkloadRef.Parse("deployment/web");
    private readonly FakeKubeApi _api = new();
    private readonly ManualTimeProvider _clock = new();
    private readonly ProgressLog _progress = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Follower_reports_kubectls_words_and_succeeds_when_the_deployment_completes()
    {
        _api.Apply(ResourceKind.Deployments, Shapes.Deployment("web", updated: 1, available: 2, total: 4));
        var follow = Follow([Web]);
        await _progress.WaitForAsync(p => p.Message == "Waiting for deployment \"web\" rollout to finish: 1 out of 3 new replicas have been updated...");
        await WatchingAsync(ResourceKind.Deployments);

        _api.Apply(ResourceKind.Deployments, Shapes.Deployment("web", updated: 3, available: 2));
        _api.Apply(ResourceKind.Deployments, Shapes.Deployment("web", updated: 3, available: 3));
        var result = Assert.Single(await follow);

        Assert.Equal(RolloutOutcome.Succeeded, result.Outcome);
        Assert.Equal("deployment \"web\" successfully rolled out", result.Message);
        Assert.Contains(_progress.Items, p => p.Message == "Waiting for deployment \"web\" rollout to finish: 2 of 3 updated replicas are available...");
        Assert.Equal("deployment \"web\" successfully rolled out", _progress.Items[^1].Message);
    }

    [Fact]
    public async Task Follower_watches_fifty_workloads_with_one_list_and_one_watch_per_resource()
    {
        var names = Enumerable.Range(0, 50).Select(i => $"app{i}").ToList();
        foreach (var n in names)
        {
            _api.Apply(ResourceKind.Deployments, Shapes.Deployment(n, updated: 0, available: 3, total: 3));
        }

        var follow = Follow(names.Select(n => WorkloadRef.Parse("deployment/" + n)).ToList());
        await WatchingAsync(ResourceKind.Deployments);
        foreach (var n in names)
        {
            _api.Apply(ResourceKind.Deployments, Shapes.Deployment(n, updated: 3, available: 3));
        }

        var results = await follow;
        Assert.All(results, r => Assert.Equal(RolloutOutcome.Succeeded, r.Outcome));
        Assert.Equal(1, _api.Count("list", ResourceKind.Deployments));
        Assert.Equal(1, _api.Count("watch", ResourceKind.Deployments));
        Assert.Equal(6, _api.Requests.Count);
    }

    [Fact]
    public async Task Follower_lists_again_after_a_dropped_watch_and_after_410_Expired_and_misses_nothing()
    {
        _api.Apply(ResourceKind.Deployments, Shapes.Deployment("web", updated: 1, available: 3, total: 4));
        var follow = Follow([Web]);
        await WatchingAsync(ResourceKind.Deployments);

        _api.DropWatch(ResourceKind.Deployments, "shop");
        _api.Apply(ResourceKind.Deployments, Shapes.Deployment("web", updated: 2, available: 3, total: 4));
        await AdvancingUntil(() => _progress.Items.Any(p => p.Message.Contains("2 out of 3 new replicas", StringComparison.Ordinal)));
        await WatchingAsync(ResourceKind.Deployments);

        _api.ExpireWatch(ResourceKind.Deployments, "shop");
        _api.Apply(ResourceKind.Deployments, Shapes.Deployment("web", updated: 3, available: 3));
        await AdvancingUntil(() => follow.IsCompleted);

        var result = Assert.Single(await follow);
        Assert.Equal(RolloutOutcome.Succeeded, result.Outcome);
        Assert.Equal(3, _api.Count("list", ResourceKind.Deployments));
    }

    [Theory]
    [InlineData("ErrImagePull", "rpc error: code = NotFound desc = failed to pull and unpack image \"registry.example.com/shop/web@sha256:2222\": not found")]
    [InlineData("ImagePullBackOff", "Back-off pulling image \"registry.example.com/shop/web@sha256:2222\"")]
    [InlineData("InvalidImageName", "Failed to apply default image tag \"Registry/web:latest\": couldn't parse image name \"Registry/web:latest\": invalid reference format: repository name must be lowercase")]
    [InlineData("CrashLoopBackOff", "back-off 40s restarting failed container=web pod=web-6d4cf56db6-x7k2p_shop(uid-web-6d4cf56db6-x7k2p)")]
    [InlineData("CreateContainerConfigError", "secret \"web-env\" not found")]
    public async Task New_pod_stuck_waiting_fails_the_rollout_after_the_grace_period_with_evidence(string reason, string message)
    {
        var restarts = reason == "CrashLoopBackOff" ? 3 : 0;
        var last = reason == "CrashLoopBackOff" ? """{"terminated":{"exitCode":1,"reason":"Error","startedAt":"2026-11-22T02:59:40Z","finishedAt":"2026-11-22T02:59:41Z"}}""" : null;
        var follow = StartStuck(Shapes.Waiting(reason, message, restarts, last));
        await _progress.WaitForAsync(p => p.Reason == reason);

        _clock.Advance(TimeSpan.FromSeconds(59));
        await ChangedAsync(updated: 2);
        Assert.False(follow.IsCompleted, "must not fail before the grace period");
        _clock.Advance(TimeSpan.FromSeconds(1));

        var result = Assert.Single(await follow);
        Assert.Equal(RolloutOutcome.Failed, result.Outcome);
        Assert.Equal(reason, result.Reason);
        var e = Assert.IsType<RolloutEvidence>(result.Evidence);
        Assert.Equal(("web-6d4cf56db6-x7k2p", "web", reason, restarts, "web-6d4cf56db6"), (e.Pod, e.Container, e.Reason, e.RestartCount, e.Revision));
        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(60), e.StuckFor);
        Assert.Equal(["Failed", "BackOff"], e.Events.Select(ev => ev.Reason));
        Assert.StartsWith($"deployment/web rollout failed: pod web-6d4cf56db6-x7k2p container web has been {reason} for 1m", result.Message, StringComparison.Ordinal);
        var ex = RolloutFailuresFor(result);
        Assert.Equal(("IR4002", 4), (ex.Code, ex.ExitCode));
        Assert.Contains("web-6d4cf56db6-x7k2p", ex.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Running_container_that_never_turns_ready_fails_as_readiness_failing()
    {
        var follow = StartStuck(Shapes.RunningNotReady());
        await _progress.WaitForAsync(p => p.Reason == "ReadinessFailing");
        _clock.Advance(TimeSpan.FromSeconds(60));

        var result = Assert.Single(await follow);
        Assert.Equal(("ReadinessFailing", RolloutOutcome.Failed), (result.Reason, result.Outcome));
        Assert.Equal("containers with unready status: [web]", result.Evidence!.Message);
    }

    [Fact]
    public async Task A_stuck_pull_keeps_one_clock_across_ErrImagePull_ImagePullBackOff_and_ContainerCreating_and_is_shown_once()
    {
        const string stuck = "web-6d4cf56db6-x7k2p";
        var follow = StartStuck(Shapes.Waiting("ErrImagePull", "not found"));
        await _progress.WaitForAsync(p => p.Reason == "ErrImagePull");
        await WatchingAsync(ResourceKind.Pods);
        _clock.Advance(TimeSpan.FromSeconds(20));
        _api.Apply(ResourceKind.Pods, Shapes.Pod(stuck, "ReplicaSet", "web-6d4cf56db6", Shapes.Waiting("ImagePullBackOff", "Back-off pulling image"), """{"pod-template-hash":"6d4cf56db6"}"""));
        _clock.Advance(TimeSpan.FromSeconds(20));
        _api.Apply(ResourceKind.Pods, Shapes.Pod(stuck, "ReplicaSet", "web-6d4cf56db6", Shapes.Waiting("ContainerCreating", ""), """{"pod-template-hash":"6d4cf56db6"}"""));
        // A second new pod, shown when first seen: the pod feed (one stream, in order) has delivered the states above.
        _api.Apply(ResourceKind.Pods, Shapes.Pod("web-6d4cf56db6-sync1", "ReplicaSet", "web-6d4cf56db6", Shapes.Waiting("CreateContainerConfigError", "secret \"env\" not found"), """{"pod-template-hash":"6d4cf56db6"}"""));
        await _progress.WaitForAsync(p => p.Message.Contains("web-6d4cf56db6-sync1", StringComparison.Ordinal));
        _api.Apply(ResourceKind.Pods, Shapes.Pod(stuck, "ReplicaSet", "web-6d4cf56db6", Shapes.Waiting("ErrImagePull", "not found"), """{"pod-template-hash":"6d4cf56db6"}"""));
        _clock.Advance(TimeSpan.FromSeconds(20));

        var result = Assert.Single(await follow.WaitAsync(TimeSpan.FromSeconds(10), Ct));
        Assert.Equal(RolloutOutcome.Failed, result.Outcome);
        Assert.Equal((stuck, TimeSpan.FromSeconds(60)), (result.Evidence!.Pod, result.Evidence.StuckFor));
        Assert.Single(_progress.Items, p => p.State == RolloutState.Waiting && p.Message.Contains(stuck, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Pods_of_the_old_ReplicaSet_are_not_diagnosed()
    {
        _api.Apply(ResourceKind.Deployments, Shapes.Deployment("web", updated: 0, available: 3, total: 3));
        _api.Apply(ResourceKind.ReplicaSets, Shapes.ReplicaSet("web", "57586646f7", 3));
        _api.Apply(ResourceKind.ReplicaSets, Shapes.ReplicaSet("web", "6d4cf56db6", 4));
        _api.Apply(ResourceKind.Pods, Shapes.Pod("web-57586646f7-abcde", "ReplicaSet", "web-57586646f7", Shapes.Waiting("CrashLoopBackOff", "back-off 5m0s", 12)));
        var follow = Follow([Web]);
        await WatchingAsync(ResourceKind.Pods);
        _clock.Advance(TimeSpan.FromSeconds(61));
        await ChangedAsync(updated: 1);
        Assert.False(follow.IsCompleted);

        _api.Apply(ResourceKind.Deployments, Shapes.Deployment("web", updated: 3, available: 3));
        Assert.Equal(RolloutOutcome.Succeeded, Assert.Single(await follow).Outcome);
    }

    [Fact]
    public async Task ProgressDeadlineExceeded_fails_at_once_with_kubectls_words()
    {
        _api.Apply(ResourceKind.Deployments, Shapes.Deployment("web", updated: 1, available: 3, total: 4));
        var follow = Follow([Web]);
        await WatchingAsync(ResourceKind.Deployments);
        _api.Apply(ResourceKind.Deployments, Shapes.Deployment("web", updated: 1, available: 3, total: 4, extra: """
            {"status":{"conditions":[{"type":"Progressing","status":"False","reason":"ProgressDeadlineExceeded","message":"ReplicaSet \"web-6d4cf56db6\" has timed out progressing."}]}}
            """));

        var result = Assert.Single(await follow);
        Assert.Equal((RolloutOutcome.Failed, "ProgressDeadlineExceeded", "deployment \"web\" exceeded its progress deadline"), (result.Outcome, result.Reason, result.Message));
        Assert.Equal(("IR4001", 4), (RolloutFailuresFor(result).Code, RolloutFailuresFor(result).ExitCode));
    }

    [Fact]
    public async Task DeploymentConfig_whose_latest_RC_failed_fails_with_the_status_reason()
    {
        _api.Apply(ResourceKind.DeploymentConfigs, Shapes.Merge(Snapshots.DeploymentConfigBase, """
            {"status":{"latestVersion":4,"updatedReplicas":0,"conditions":[{"type":"Progressing","status":"True","reason":"ReplicationControllerUpdated","message":"replication controller \"frontend-4\" is progressing"}]}}
            """));
        _api.Apply(ResourceKind.ReplicationControllers, """
            {"apiVersion":"v1","kind":"ReplicationController","metadata":{"name":"frontend-4","namespace":"shop",
             "annotations":{"openshift.io/deployment-config.latest-version":"4","openshift.io/deployment-config.name":"frontend","openshift.io/deployment.phase":"Failed","openshift.io/deployment.status-reason":"deployer pod failed","openshift.io/deployer-pod.name":"frontend-4-deploy"}},
             "spec":{"replicas":0,"selector":{"deployment":"frontend-4"}},"status":{"replicas":0}}
            """);

        var result = Assert.Single(await Follow([WorkloadRef.Parse("dc/frontend")]));
        Assert.Equal((RolloutOutcome.Failed, "DeploymentFailed", "replication controller \"frontend-4\" failed: deployer pod failed"), (result.Outcome, result.Reason, result.Message));
    }

    [Theory]
    [InlineData("image-registry.openshift-image-registry.svc:5000/shop/frontend@sha256:cc", RolloutOutcome.Succeeded)]
    [InlineData("image-registry.openshift-image-registry.svc:5000/shop/frontend@sha256:old", RolloutOutcome.InProgress)]
    public async Task DeploymentConfig_is_done_only_when_its_latest_RC_runs_the_template(string rcImage, RolloutOutcome outcome)
    {
        _api.Apply(ResourceKind.DeploymentConfigs, Snapshots.DeploymentConfigBase);
        _api.Apply(ResourceKind.ReplicationControllers, """
            {"apiVersion":"v1","kind":"ReplicationController","metadata":{"name":"frontend-3","namespace":"shop","annotations":{"openshift.io/deployment.phase":"Complete"}},
             "spec":{"replicas":2,"template":{"metadata":{"labels":{"app":"frontend","deployment":"frontend-3"}},"spec":{"containers":[{"name":"frontend","image":"IMAGE"}]}}}}
            """.Replace("IMAGE", rcImage, StringComparison.Ordinal));

        var result = Assert.Single(await Follow([WorkloadRef.Parse("dc/frontend")], new RolloutFollowOptions { Watch = false }));
        Assert.Equal(outcome, result.Outcome);
        Assert.Equal(outcome == RolloutOutcome.Succeeded ? "replication controller \"frontend-3\" successfully rolled out" : "Waiting for latest deployment config spec to be observed by the controller loop...", result.Message);
    }

    [Fact]
    public async Task Timeout_ends_the_follow_as_TimedOut_with_exit_code_5()
    {
        _api.Apply(ResourceKind.Deployments, Shapes.Deployment("web", updated: 1, available: 3, total: 4));
        var follow = Follow([Web], new RolloutFollowOptions { Timeout = TimeSpan.FromMinutes(2) });
        await WatchingAsync(ResourceKind.Deployments);
        _clock.Advance(TimeSpan.FromMinutes(2));

        var result = Assert.Single(await follow);
        Assert.Equal(RolloutOutcome.TimedOut, result.Outcome);
        Assert.Equal("deployment/web did not finish rolling out within 2m: Waiting for deployment \"web\" rollout to finish: 1 out of 3 new replicas have been updated...", result.Message);
        Assert.Equal(("IR4003", 5), (RolloutFailuresFor(result).Code, RolloutFailuresFor(result).ExitCode));
    }

    [Fact]
    public async Task A_deadline_that_passes_before_the_first_list_answers_is_a_timeout_not_not_found()
    {
        _api.Apply(ResourceKind.Deployments, Shapes.Deployment("web", updated: 3, available: 3, total: 3));
        var held = _api.HoldLists(ResourceKind.Deployments);
        var follow = Follow([Web], new RolloutFollowOptions { Timeout = TimeSpan.FromMinutes(2) });
        await Eventually(() => _api.Count("list", ResourceKind.Deployments) == 1 && _clock.PendingTimers == 1);
        _clock.Advance(TimeSpan.FromMinutes(2));

        var result = Assert.Single(await follow);
        held.SetResult();
        Assert.Equal((RolloutOutcome.TimedOut, "NoAnswer"), (result.Outcome, result.Reason));
        Assert.Contains("did not answer the list of deployments.apps in namespace \"shop\"", result.Message, StringComparison.Ordinal);
        Assert.Equal(("IR3114", 5), (RolloutFailuresFor(result).Code, RolloutFailuresFor(result).ExitCode));
        Assert.StartsWith("The API server accepted the connection but did not answer in time: check the cluster's health", RolloutFailuresFor(result).Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_list_unanswered_in_the_little_time_left_blames_the_timeout_not_the_API_server()
    {
        var held = _api.HoldLists(ResourceKind.Deployments);
        var follow = Follow([Web], new RolloutFollowOptions { Timeout = TimeSpan.FromSeconds(2) });
        await Eventually(() => _api.Count("list", ResourceKind.Deployments) == 1 && _clock.PendingTimers == 1);
        _clock.Advance(TimeSpan.FromSeconds(2));

        var result = Assert.Single(await follow);
        held.SetResult();
        Assert.Equal(("IR3114", 5), (RolloutFailuresFor(result).Code, RolloutFailuresFor(result).ExitCode));
        Assert.Equal("Only 2.0s of --timeout was left to follow deployment/web when the earlier steps were done: allow longer with --timeout.", RolloutFailuresFor(result).Hint);
    }

    [Fact]
    public async Task A_deadline_timer_that_fires_early_while_a_list_is_pending_is_armed_again()
    {
        // The system timer may fire a moment before the wall clock reaches the deadline; the follow must still end
        // at the deadline, not wait for an answer that may never come (it waited for the list before the fix).
        _clock.FiresEarlyBy = TimeSpan.FromMilliseconds(1);
        var held = _api.HoldLists(ResourceKind.Deployments);
        var follow = Follow([Web], new RolloutFollowOptions { Timeout = TimeSpan.FromMinutes(2) });
        await Eventually(() => _api.Count("list", ResourceKind.Deployments) == 1 && _clock.PendingTimers == 1);
        _clock.Advance(TimeSpan.FromMinutes(2) - TimeSpan.FromMilliseconds(1));
        await Eventually(() => _clock.PendingTimers == 1);
        _clock.Advance(TimeSpan.FromMilliseconds(1));

        var result = Assert.Single(await follow.WaitAsync(TimeSpan.FromSeconds(30), Ct));
        held.SetResult();
        Assert.Equal((RolloutOutcome.TimedOut, "NoAnswer"), (result.Outcome, result.Reason));
    }

    [Fact]
    public async Task Cancellation_stops_following_and_closes_the_watches()
    {
        _api.Apply(ResourceKind.Deployments, Shapes.Deployment("web", updated: 1, available: 3, total: 4));
        using var cts = new CancellationTokenSource();
        var follow = new RolloutFollower(_api, _clock).FollowAsync([Web], new RolloutFollowOptions(), _progress, cts.Token);
        await WatchingAsync(ResourceKind.Deployments);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => follow);
        await Eventually(() => _api.OpenWatches(ResourceKind.Deployments, "shop") == 0 || follow.IsCompleted);
    }

    [Fact]
    public async Task Snapshot_without_watch_reports_in_progress_and_missing_workloads()
    {
        _api.Apply(ResourceKind.Deployments, Shapes.Deployment("web", updated: 1, available: 3, total: 4));
        var results = await Follow([Web, WorkloadRef.Parse("deployment/gone")], new RolloutFollowOptions { Watch = false });

        Assert.Equal(RolloutOutcome.InProgress, results[0].Outcome);
        Assert.Equal(("IR4007", 5), (RolloutFailuresFor(results[0]).Code, RolloutFailuresFor(results[0]).ExitCode));
        Assert.Equal((RolloutOutcome.Failed, "NotFound"), (results[1].Outcome, results[1].Reason));
        Assert.Equal(("IR4004", 3), (RolloutFailuresFor(results[1]).Code, RolloutFailuresFor(results[1]).ExitCode));
        Assert.Equal(0, _api.Count("watch", ResourceKind.Deployments));
    }

    [Fact]
    public async Task A_snapshot_of_a_finished_rollout_lists_only_the_workloads_as_kubectls_one_GET()
    {
        _api.Apply(ResourceKind.Deployments, Shapes.Deployment("web", updated: 3, available: 3, total: 3));

        var result = Assert.Single(await Follow([Web], new RolloutFollowOptions { Watch = false }));

        Assert.Equal(RolloutOutcome.Succeeded, result.Outcome);
        Assert.Equal((1, 0, 0), (_api.Count("list", ResourceKind.Deployments), _api.Count("list", ResourceKind.Pods), _api.Count("list", ResourceKind.ReplicaSets)));
    }

    [Fact]
    public async Task A_snapshot_of_a_waiting_rollout_then_lists_its_pods_and_ReplicaSets_for_the_evidence()
    {
        Stuck(Shapes.Waiting("ImagePullBackOff", "Back-off pulling image \"x\""));

        var result = Assert.Single(await Follow([Web], new RolloutFollowOptions { Watch = false }));

        Assert.Equal(RolloutOutcome.InProgress, result.Outcome);
        var e = Assert.IsType<RolloutEvidence>(result.Evidence);
        Assert.Equal(("web-6d4cf56db6-x7k2p", "ImagePullBackOff", "web-6d4cf56db6"), (e.Pod, e.Reason, e.Revision));
        Assert.Equal((1, 1, 1), (_api.Count("list", ResourceKind.Deployments), _api.Count("list", ResourceKind.Pods), _api.Count("list", ResourceKind.ReplicaSets)));
    }

    [Fact]
    public async Task StatefulSet_diagnosis_looks_only_at_pods_of_the_update_revision()
    {
        _api.Apply(ResourceKind.StatefulSets, Shapes.Merge(Snapshots.StatefulSetBase, """{"status":{"readyReplicas":2,"updatedReplicas":1,"updateRevision":"db-5d8f9c7b6a"}}"""));
        _api.Apply(ResourceKind.Pods, Shapes.Pod("db-0", "StatefulSet", "db", Shapes.Waiting("CrashLoopBackOff", "old revision crash", 9), """{"controller-revision-hash":"db-7c9b4c5d8f"}"""));
        _api.Apply(ResourceKind.Pods, Shapes.Pod("db-2", "StatefulSet", "db", Shapes.Waiting("ImagePullBackOff", "Back-off pulling image"), """{"controller-revision-hash":"db-5d8f9c7b6a"}"""));
        var follow = Follow([WorkloadRef.Parse("sts/db")]);
        await _progress.WaitForAsync(p => p.Reason == "ImagePullBackOff");
        _clock.Advance(TimeSpan.FromSeconds(60));

        var result = Assert.Single(await follow);
        Assert.Equal(("db-2", "db-5d8f9c7b6a"), (result.Evidence!.Pod, result.Evidence.Revision));
    }

    [Fact]
    public void Grace_period_defaults_to_60s_and_is_never_more_than_half_the_timeout()
    {
        Assert.Equal(TimeSpan.FromSeconds(60), new RolloutFollowOptions().EffectiveGracePeriod);
        Assert.Equal(TimeSpan.FromSeconds(45), new RolloutFollowOptions { Timeout = TimeSpan.FromSeconds(90) }.EffectiveGracePeriod);
        Assert.Equal(TimeSpan.FromSeconds(10), new RolloutFollowOptions { GracePeriod = TimeSpan.FromSeconds(10) }.EffectiveGracePeriod);
        Assert.Equal(TimeSpan.FromMinutes(1), new RolloutFollowOptions { Timeout = TimeSpan.FromMinutes(2), GracePeriod = TimeSpan.FromMinutes(5) }.EffectiveGracePeriod);
    }

    private static ImageRollException RolloutFailuresFor(RolloutResult r) => RolloutFailures.ToException(r);

    private Task<IReadOnlyList<RolloutResult>> Follow(IReadOnlyList<WorkloadRef> workloads, RolloutFollowOptions? options = null) =>
        new RolloutFollower(_api, _clock).FollowAsync(workloads, options ?? new RolloutFollowOptions(), _progress, Ct);

    private Task<IReadOnlyList<RolloutResult>> StartStuck(string containerStatus)
    {
        Stuck(containerStatus);
        return Follow([Web]);
    }

    /// <summary>deployment/web at 1 of 3 updated, its new ReplicaSet's pod in <paramref name="containerStatus"/>, with events.</summary>
    private void Stuck(string containerStatus)
    {
        _api.Apply(ResourceKind.Deployments, Shapes.Deployment("web", updated: 1, available: 3, total: 4));
        _api.Apply(ResourceKind.ReplicaSets, Shapes.ReplicaSet("web", "57586646f7", 3));
        _api.Apply(ResourceKind.ReplicaSets, Shapes.ReplicaSet("web", "6d4cf56db6", 4));
        _api.Apply(ResourceKind.Events, Shapes.Event("web-6d4cf56db6-x7k2p", "Normal", "Pulling", "Pulling image \"x\"", 3, "2026-11-22T02:59:30Z"));
        _api.Apply(ResourceKind.Events, Shapes.Event("web-6d4cf56db6-x7k2p", "Warning", "Failed", "Failed to pull image \"x\": not found", 3, "2026-11-22T02:59:31Z"));
        _api.Apply(ResourceKind.Events, Shapes.Event("web-6d4cf56db6-x7k2p", "Normal", "BackOff", "Back-off pulling image \"x\"", 4, "2026-11-22T02:59:20Z"));
        _api.Apply(ResourceKind.Events, Shapes.Event("web-57586646f7-abcde", "Warning", "Unhealthy", "Readiness probe failed", 1, "2026-11-22T02:59:40Z"));
        _api.Apply(ResourceKind.Pods, Shapes.Pod("web-6d4cf56db6-x7k2p", "ReplicaSet", "web-6d4cf56db6", containerStatus, """{"app":"web","pod-template-hash":"6d4cf56db6"}"""));
    }

    /// <summary>
    /// Sends a deployment change and waits for kubectl's words for it: the loop handles events in order, so anything
    /// queued before (a timer tick from <see cref="ManualTimeProvider.Advance"/>) has been handled too.
    /// </summary>
    private async Task ChangedAsync(int updated)
    {
        await WatchingAsync(ResourceKind.Deployments);
        _api.Apply(ResourceKind.Deployments, Shapes.Deployment("web", updated: updated, available: 3, total: 4));
        await _progress.WaitForAsync(p => p.Message == $"Waiting for deployment \"web\" rollout to finish: {updated} out of 3 new replicas have been updated...");
    }

    private Task WatchingAsync(ResourceKind kind) => Eventually(() => _api.OpenWatches(kind, "shop") > 0);

    /// <summary>The feed waits one (manual) second before listing again: move the clock until the condition holds.</summary>
    private async Task AdvancingUntil(Func<bool> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, "condition not reached within 10 s");
            _clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(5, Ct);
        }
    }

    private static async Task Eventually(Func<bool> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, "condition not reached within 10 s");
            await Task.Delay(5, Ct);
        }
    }
}
