using ImageRoll.Core.Tests.Rollouts.Fakes;
using ImageRoll.Kubernetes;
using ImageRoll.OpenShift.TriggerStep;
using ImageRoll.Rollouts;

namespace ImageRoll.Core.Tests.Release;

/// <summary>The supervisor's rollback phase and the one error it turns the results into.</summary>
public sealed class RolloutSupervisorTests
{
    private static readonly WorkloadRef Web = WorkloadRef.Parse("deployment/web", "shop");
    private static readonly RolloutResult Failed = new(Web, RolloutOutcome.Failed, "deployment/web: new pods are stuck", "ImagePullBackOff", TimeSpan.FromSeconds(40));

    [Fact]
    public async Task A_rollback_the_deadline_leaves_no_time_for_is_not_started_and_its_IR4020_decides_the_exit()
    {
        var clock = new ManualTimeProvider();
        var supervisor = new RolloutSupervisor(new FakeKubeApi(), clock);
        var observed = new List<string>();

        var supervision = await supervisor.RollBackAsync([Failed], [new TriggerOutcome(Web, "img", TriggerAction.Patched, ["web"], "1", 2)],
            new RolloutSupervisorOptions { Deadline = clock.GetUtcNow(), RollbackOnFailure = true }, new Recorder(observed), TestContext.Current.CancellationToken);

        var rollback = Assert.Single(supervision.Results).Rollback!;
        Assert.False(rollback.Performed);
        Assert.Equal(["started deployment/web", "finished deployment/web False"], observed);
        var error = supervision.ToException()!;
        Assert.Equal(("IR4020", FailureKind.TimedOut, 5), (error.Code, error.Kind, error.ExitCode));
        Assert.StartsWith("deployment/web: new pods are stuck; rollback failed:", error.Message, StringComparison.Ordinal);
        Assert.Same(supervision.Results, error.Results);
    }

    [Fact]
    public async Task Without_rollback_nothing_is_rolled_back_and_the_error_is_the_rollouts()
    {
        var clock = new ManualTimeProvider();
        var supervision = await new RolloutSupervisor(new FakeKubeApi(), clock).RollBackAsync([Failed], [],
            new RolloutSupervisorOptions { Deadline = clock.GetUtcNow().AddMinutes(5) }, null, TestContext.Current.CancellationToken);

        Assert.Null(Assert.Single(supervision.Results).Rollback);
        Assert.False(supervision.Succeeded);
        Assert.Equal(("IR4002", 4), (supervision.ToException()!.Code, supervision.ToException()!.ExitCode));
        Assert.Null(new RolloutSupervision([Failed with { Outcome = RolloutOutcome.Succeeded }]).ToException());
    }

    private sealed class Recorder(List<string> lines) : IRolloutObserver
    {
        public void RollbackStarted(WorkloadRef workload, string reason) => lines.Add($"started {workload}");

        public void RollbackFinished(WorkloadRef workload, RollbackResult result) => lines.Add($"finished {workload} {result.Performed}");
    }
}
