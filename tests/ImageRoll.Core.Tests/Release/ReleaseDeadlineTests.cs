using ImageRoll.Kubernetes;
using ImageRoll.OpenShift.TriggerStep;
using ImageRoll.Release;
using ImageRoll.Rollouts;

namespace ImageRoll.Core.Tests.Release;

/// <summary>
/// ONE deadline for the whole release on the services' clock (a manual one here), the caller's cancellation, and
/// how the rollout and the rollback share what is left.
/// </summary>
public sealed class ReleaseDeadlineTests : IDisposable
{
    private readonly ReleaseScenario _s = new();

    public void Dispose() => _s.Dispose();

    [Fact]
    public async Task The_follow_gets_the_time_left_and_a_stalled_rollout_times_out_with_IR4003_and_exit_5()
    {
        _s.Stall();
        var run = _s.RunAsync(_s.Options());
        await FollowingAsync();

        _s.Clock.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(5));
        var result = await run.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Equal((ReleaseStatus.TimedOut, 5, "IR4003", ReleaseStep.Rollout), (result.Status, result.ExitCode, result.Error!.Code, result.Error.Step));
        var w = Assert.Single(result.Workloads);
        Assert.Equal((WorkloadOutcome.TimedOut, TimeSpan.FromSeconds(595)), (w.Outcome, w.RolloutDuration));
        Assert.Equal("Completed TimedOut", _s.Observer.Ordered[^1]);
    }

    [Fact]
    public async Task The_deadline_stops_a_trigger_wait_with_the_trigger_steps_code()
    {
        var run = _s.RunAsync(_s.Options(TriggerMode.Wait));
        await _s.Observer.WaitForAsync("StepStarted Trigger");
        await WatchingAsync(ResourceKind.Deployments);

        _s.Clock.Advance(TimeSpan.FromMinutes(10));
        var result = await run.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Equal((ReleaseStatus.TimedOut, 5, "IR3382", ReleaseStep.Trigger), (result.Status, result.ExitCode, result.Error!.Code, result.Error.Step));
        Assert.Contains("within 10m", result.Error.Message, StringComparison.Ordinal);
        Assert.Equal(["PUT imagestreamtags/web:latest"], _s.Kube.Writes);
        Assert.Equal(["StepFinished Trigger False", "Completed TimedOut"], _s.Observer.Ordered[^2..]);
        Assert.Equal("timed out", result.Steps[^1].Summary);
    }

    [Fact]
    public async Task Caller_cancellation_ends_the_release_as_cancelled_with_exit_130_and_nothing_more_written()
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var run = _s.RunAsync(_s.Options(TriggerMode.Wait), cts.Token);
        await _s.Observer.WaitForAsync("StepStarted Trigger");
        await WatchingAsync(ResourceKind.Deployments);

        await cts.CancelAsync();
        var result = await run.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Equal((ReleaseStatus.Cancelled, 130, "IR2099", ReleaseStep.Trigger), (result.Status, result.ExitCode, result.Error!.Code, result.Error.Step));
        Assert.Equal(["PUT imagestreamtags/web:latest"], _s.Kube.Writes);
        Assert.Equal(_s.PushedDigestReference, result.DigestReference);
        Assert.Equal("shop/web:latest", result.StreamTag);
        Assert.Equal(WorkloadOutcome.NotStarted, Assert.Single(result.Workloads).Outcome);
        Assert.Equal("Completed Cancelled", _s.Observer.Ordered[^1]);
    }

    [Fact]
    public async Task With_rollback_on_the_follow_stops_at_75_percent_and_the_rollback_runs_inside_the_same_deadline()
    {
        _s.Stall();
        var run = _s.RunAsync(_s.Options() with { Timeout = TimeSpan.FromSeconds(100), RollbackOnFailure = true });
        await FollowingAsync();

        // 75 s for the follow, less its evidence reserve (5 % of it): 71.25 s; 25 s stay for the rollback.
        _s.Clock.Advance(TimeSpan.FromSeconds(71.25));
        var result = await run.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Equal((ReleaseStatus.TimedOut, "IR4003"), (result.Status, result.Error!.Code));
        var w = Assert.Single(result.Workloads);
        Assert.Equal((WorkloadOutcome.TimedOut, TimeSpan.FromSeconds(71.25)), (w.Outcome, w.RolloutDuration));
        Assert.NotNull(w.Rollback);
        Assert.False(w.Rollback.Performed); // no earlier ReplicaSet in this cluster to go back to
        Assert.Contains("RollbackStarted deployment/web", _s.Observer.Calls);
        Assert.Equal([ReleaseStep.Plan, ReleaseStep.Image, ReleaseStep.Tag, ReleaseStep.Trigger, ReleaseStep.Rollout, ReleaseStep.Rollback], result.Steps.Select(x => x.Step));
        Assert.Equal([false, false], result.Steps.Skip(4).Select(x => x.Succeeded));
        Assert.True(result.Elapsed < TimeSpan.FromSeconds(100), $"elapsed {result.Elapsed}");
    }

    [Fact]
    public void Follow_budget_keeps_the_rollback_share_and_an_evidence_reserve_and_is_never_zero()
    {
        var clock = new Rollouts.Fakes.ManualTimeProvider();
        var supervisor = new RolloutSupervisor(_s.Kube, clock);
        var now = clock.GetUtcNow();

        Assert.Equal(TimeSpan.FromSeconds(595), supervisor.FollowBudget(new RolloutSupervisorOptions { Deadline = now.AddMinutes(10) }));
        Assert.Equal(TimeSpan.FromSeconds(445), supervisor.FollowBudget(new RolloutSupervisorOptions { Deadline = now.AddMinutes(10), RollbackOnFailure = true }));
        Assert.Equal(TimeSpan.FromSeconds(7.125), supervisor.FollowBudget(new RolloutSupervisorOptions { Deadline = now.AddSeconds(10), RollbackOnFailure = true }));
        Assert.Equal(TimeSpan.FromSeconds(9.5), supervisor.FollowBudget(new RolloutSupervisorOptions { Deadline = now.AddSeconds(20), RollbackOnFailure = true, RollbackShare = 0.5 }));
        Assert.True(supervisor.FollowBudget(new RolloutSupervisorOptions { Deadline = now.AddSeconds(-1) }) > TimeSpan.Zero);
    }

    /// <summary>Until the follower has listed everything and said kubectl's first words (so the clock may move).</summary>
    private async Task FollowingAsync()
    {
        await _s.Observer.WaitForAsync("StepStarted Rollout");
        await _s.Observer.WaitForAsync("RolloutProgress");
    }

    private async Task WatchingAsync(ResourceKind kind)
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        while (_s.Kube.Inner.OpenWatches(kind, "shop") == 0)
        {
            Assert.True(DateTime.UtcNow < until, $"no watch on {kind.Plural}");
            await Task.Delay(5, TestContext.Current.CancellationToken);
        }
    }
}
