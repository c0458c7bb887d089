using ImageRoll.ClusterSimulator.Store;
using ImageRoll.Images;
using ImageRoll.IntegrationTests.Infrastructure;
using ImageRoll.IntegrationTests.OpenShift;
using ImageRoll.IntegrationTests.Registry;
using ImageRoll.Kubernetes;
using ImageRoll.OpenShift.ImageStreams;
using ImageRoll.OpenShift.TriggerStep;
using ImageRoll.Release;

namespace ImageRoll.IntegrationTests.Release;

/// <summary>
/// <see cref="ReleaseRunner"/> end to end, in-process, against the simulated cluster (its import, trigger, workload
/// and kubelet controllers) and the real registries: an archive pushed and patched in, an existing digest rolled
/// out by the trigger controller, and a dry run that changes nothing anywhere.
/// </summary>
public sealed class ReleaseRunnerTests
{
    [Fact]
    public async Task Archive_release_in_patch_mode_pushes_tags_patches_and_follows_the_rollout()
    {
        // No trigger controller: only ImageRoll's patch can change the deployment.
        await using var h = await ReleaseHarness.StartAsync(null, "image-trigger");
        h.Stream();
        Workloads.Put(h.Sim, ResourceTypes.Deployments, Workloads.Deployment());
        var layout = Directory.CreateTempSubdirectory("imageroll-release-").FullName;
        var writer = new OciLayoutWriter(layout);
        writer.WriteLayoutIndex(writer.WriteSmallImage(seed: Random.Shared.Next()));
        var repository = $"apps/release-{Guid.NewGuid():N}";

        var (result, observer) = await h.ReleaseAsync(new ReleaseOptions
        {
            Image = ImageReference.Parse($"{TestServices.Registry}/{repository}:v1"),
            Source = new ArchiveSource(layout),
            StreamTag = StreamTagRef.Parse("example:latest"),
            Trigger = TriggerMode.Patch,
            Namespace = "default",
            Timeout = TimeSpan.FromSeconds(60),
        });

        Assert.True(result.Status == ReleaseStatus.Succeeded, ReleaseJson.Serialize(result));
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["v1"], await ReleaseHarness.TagsAsync(repository));
        Assert.StartsWith($"{TestServices.Registry}/{repository}@sha256:", result.DigestReference, StringComparison.Ordinal);
        Assert.Equal(result.DigestReference, result.PullSpec);
        var deployment = h.Sim.Get(ResourceTypes.Deployments, "example");
        Assert.Equal(result.PullSpec, Workloads.Image(deployment));
        var w = Assert.Single(result.Workloads);
        Assert.Equal(("Deployment", "example", "default", WorkloadOutcome.Succeeded, TriggerAction.Patched), (w.Kind, w.Name, w.Namespace, w.Outcome, w.Trigger));
        Assert.Equal((string?)deployment["metadata"]!["annotations"]!["deployment.kubernetes.io/revision"], w.Revision);
        Assert.Equal(["web"], w.Containers);
        Assert.Contains("successfully rolled out", w.Message, StringComparison.Ordinal);
        Assert.Equal(
            [
                "StepStarted Plan", "StepFinished Plan True", "PlanReady True",
                "StepStarted Image", "StepFinished Image True", "ImageReady",
                "StepStarted Tag", "Tagged", "StepFinished Tag True",
                "StepStarted Trigger", "Triggered deployment/example Patched", "StepFinished Trigger True",
                "StepStarted Rollout", "RolloutFinished deployment/example Succeeded", "StepFinished Rollout True",
                "Completed Succeeded",
            ],
            observer.Ordered);
        Assert.Contains("PushProgress", observer.Calls);
        Assert.Equal([ReleaseStep.Plan, ReleaseStep.Image, ReleaseStep.Tag, ReleaseStep.Trigger, ReleaseStep.Rollout], result.Steps.Select(s => s.Step));
    }

    [Fact]
    public async Task Existing_digest_in_wait_mode_is_rolled_out_by_the_trigger_controllers_of_every_workload_that_follows_the_tag()
    {
        await using var h = await ReleaseHarness.StartAsync();
        h.Stream();
        Workloads.Put(h.Sim, ResourceTypes.Deployments, Workloads.Deployment());
        Workloads.Put(h.Sim, ResourceTypes.DeploymentConfigs, Workloads.DeploymentConfig("example-dc", automatic: true, configChange: true));
        Workloads.Put(h.Sim, ResourceTypes.Deployments, Workloads.Deployment("unrelated", triggers: null));
        var image = await TestImages.PushAsync(TestServices.Registry, $"apps/release-{Guid.NewGuid():N}", cancellationToken: TestContext.Current.CancellationToken);

        var (result, _) = await h.ReleaseAsync(new ReleaseOptions
        {
            Image = ImageReference.Parse(image),
            StreamTag = StreamTagRef.Parse("example:latest"),
            Trigger = TriggerMode.Wait,
            Namespace = "default",
            Timeout = TimeSpan.FromSeconds(90),
        });

        Assert.True(result.Status == ReleaseStatus.Succeeded, ReleaseJson.Serialize(result));
        Assert.Equal((image, image, "default/example:latest"), (result.DigestReference, result.PullSpec, result.StreamTag));
        Assert.Equal(["deployment/example", "deploymentconfig/example-dc"], result.Plan!.Workloads.Select(w => w.Workload.ToString()).Order(StringComparer.Ordinal));
        Assert.All(result.Workloads, w => Assert.Equal((WorkloadOutcome.Succeeded, TriggerAction.ControllerUpdated), (w.Outcome, w.Trigger)));
        Assert.Equal(image, Workloads.Image(h.Sim.Get(ResourceTypes.Deployments, "example")));
        var dc = h.Sim.Get(ResourceTypes.DeploymentConfigs, "example-dc");
        Assert.Equal(image, Workloads.Image(dc));
        Assert.Equal(((long)dc["status"]!["latestVersion"]!).ToString(System.Globalization.CultureInfo.InvariantCulture), result.Workloads.Single(w => w.Kind == "DeploymentConfig").Revision);
        Assert.DoesNotContain(h.Sim.Cluster.Requests.ResourceRequests, r => r.Method is "PATCH" or "PUT" && (r.Path.Contains("/deployments/", StringComparison.Ordinal) || r.Path.Contains("/deploymentconfigs/", StringComparison.Ordinal)));
        Assert.True(result.Plan.Passed);
        Assert.Contains(result.Plan.Checks, c => c.Name == "permissions" && c.Passed);
        Assert.Equal("wait", result.Plan.Trigger);
    }
}
