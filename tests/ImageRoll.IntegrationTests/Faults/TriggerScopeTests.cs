using ImageRoll.ClusterSimulator.Store;
using ImageRoll.IntegrationTests.Infrastructure;
using ImageRoll.IntegrationTests.OpenShift;

namespace ImageRoll.IntegrationTests.Faults;

/// <summary>
/// One broken trigger elsewhere does not block a release (issue 12, class 5): only the workloads that follow the
/// released tag matter; a broken annotation that follows another tag is a warning, and that workload is left alone.
/// </summary>
public sealed class TriggerScopeTests
{
    private const string Web = "spec.template.spec.containers[?(@.name==\\\"web\\\")].image";

    [Fact]
    public async Task A_broken_trigger_on_another_tag_is_a_warning_and_the_workloads_that_follow_the_tag_roll_out()
    {
        await using var sim = await OpenShiftSim.StartAsync("image-trigger");
        var image = await TestImages.PushAsync(TestServices.Registry, $"apps/scope-{Guid.NewGuid():N}", cancellationToken: TestContext.Current.CancellationToken);
        var (code, _, stderr) = await sim.ImageRollAsync("tag", image, "example:t4", "--create-stream", "--timeout", "30s");
        Assert.True(code == 0, stderr);
        var badfp = Workloads.Put(sim, ResourceTypes.Deployments, Workloads.Deployment("badfp",
            """[{"from":{"kind":"ImageStreamTag","name":"example:latest"},"fieldPath":"spec.template.spec.containers[?(@.name==\"web\").image"}]"""));
        Workloads.Put(sim, ResourceTypes.Deployments, Workloads.Deployment("ok",
            "[{\"from\":{\"kind\":\"ImageStreamTag\",\"name\":\"example:t4\"},\"fieldPath\":\"" + Web + "\"}]"));

        var run = await sim.ImageRollAsync("rollout", "--from", "example:t4", "--trigger", "patch", "--timeout", "60s");

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("deployment/badfp is left alone", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("IR3309", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("error ", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(image, Workloads.Image(sim.Get(ResourceTypes.Deployments, "ok")));
        Assert.Equal(badfp["spec"]!["template"]!.ToJsonString(), sim.Get(ResourceTypes.Deployments, "badfp")["spec"]!["template"]!.ToJsonString());
    }

    [Fact]
    public async Task A_broken_trigger_on_the_released_tag_still_stops_the_release_before_anything_changes()
    {
        await using var sim = await OpenShiftSim.StartAsync("image-trigger");
        var image = await TestImages.PushAsync(TestServices.Registry, $"apps/scope-{Guid.NewGuid():N}", cancellationToken: TestContext.Current.CancellationToken);
        var (code, _, stderr) = await sim.ImageRollAsync("tag", image, "example:t4", "--create-stream", "--timeout", "30s");
        Assert.True(code == 0, stderr);
        Workloads.Put(sim, ResourceTypes.Deployments, Workloads.Deployment("badfp",
            """[{"from":{"kind":"ImageStreamTag","name":"example:t4"},"fieldPath":"spec.template.spec.containers[?(@.name==\"web\").image"}]"""));
        var ok = Workloads.Put(sim, ResourceTypes.Deployments, Workloads.Deployment("ok",
            "[{\"from\":{\"kind\":\"ImageStreamTag\",\"name\":\"example:t4\"},\"fieldPath\":\"" + Web + "\"}]"));

        var run = await sim.ImageRollAsync("rollout", "--from", "example:t4", "--trigger", "patch", "--timeout", "60s");

        Assert.True(run.ExitCode == 2, run.Stderr);
        Assert.Contains("error IR3309: deployment/badfp", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(ok["spec"]!["template"]!.ToJsonString(), sim.Get(ResourceTypes.Deployments, "ok")["spec"]!["template"]!.ToJsonString());
    }
}
