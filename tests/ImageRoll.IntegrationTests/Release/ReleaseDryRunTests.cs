using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Store;
using ImageRoll.Images;
using ImageRoll.IntegrationTests.Infrastructure;
using ImageRoll.IntegrationTests.OpenShift;
using ImageRoll.IntegrationTests.Registry;
using ImageRoll.OpenShift.ImageStreams;
using ImageRoll.OpenShift.TriggerStep;
using ImageRoll.Release;

namespace ImageRoll.IntegrationTests.Release;

/// <summary>A dry run checks the whole plan read-only: not one object, tag or blob changes, and no write request is sent.</summary>
public sealed class ReleaseDryRunTests
{
    [Fact]
    public async Task Dry_run_checks_everything_and_changes_nothing_in_the_cluster_or_the_registry()
    {
        // Every controller off: nothing but the release could change a resourceVersion.
        await using var h = await ReleaseHarness.StartAsync(null,
            "image-import", "image-trigger", "deploymentconfig-image-trigger", "deploymentconfig-trigger", "deployment", "replicaset",
            "replicationcontroller", "statefulset", "daemonset", "deploymentconfig", "deployer", "kubelet", "garbagecollector");
        var good = await TestImages.PushAsync(TestServices.Registry, $"apps/dry-{Guid.NewGuid():N}", cancellationToken: TestContext.Current.CancellationToken);
        var stream = h.Stream();
        h.Sim.Store.Modify(ResourceTypes.ImageStreams, "default", "example", s => s["status"] = new JsonObject
        {
            ["tags"] = new JsonArray(new JsonObject
            {
                ["tag"] = "latest",
                ["items"] = new JsonArray(new JsonObject { ["dockerImageReference"] = good, ["image"] = good[(good.IndexOf('@', StringComparison.Ordinal) + 1)..], ["generation"] = 1, ["created"] = "2026-01-01T00:00:00Z" }),
            }),
        }, WriteScope.Status);
        Workloads.Put(h.Sim, ResourceTypes.Deployments, Workloads.Deployment());
        Workloads.Put(h.Sim, ResourceTypes.DeploymentConfigs, Workloads.DeploymentConfig("example-dc", automatic: true, configChange: true));
        var layout = Directory.CreateTempSubdirectory("imageroll-dry-").FullName;
        var writer = new OciLayoutWriter(layout);
        writer.WriteLayoutIndex(writer.WriteSmallImage(seed: Random.Shared.Next()));
        var repository = $"apps/dry-{Guid.NewGuid():N}";
        var before = h.Snapshot();
        h.Sim.Cluster.Requests.Clear();

        var (result, observer) = await h.ReleaseAsync(new ReleaseOptions
        {
            Image = ImageReference.Parse($"{TestServices.Registry}/{repository}:v1"),
            Source = new ArchiveSource(layout),
            StreamTag = StreamTagRef.Parse("example:latest"),
            Trigger = TriggerMode.Patch,
            Namespace = "default",
            RollbackOnFailure = true,
            DryRun = true,
            Timeout = TimeSpan.FromSeconds(30),
        });

        Assert.True(result.Status == ReleaseStatus.Planned, ReleaseJson.Serialize(result));
        Assert.Equal((0, true), (result.ExitCode, result.DryRun));
        Assert.Equal(before, h.Snapshot());
        Assert.Empty(await ReleaseHarness.TagsAsync(repository));
        var writes = h.Sim.Cluster.Requests.ResourceRequests.Where(r => r.Method is not ("GET" or "HEAD")).ToList();
        Assert.All(writes, r => Assert.EndsWith("/selfsubjectaccessreviews", r.Path, StringComparison.Ordinal));
        Assert.NotEmpty(writes);

        var plan = result.Plan!;
        Assert.True(plan.Passed);
        Assert.Equal(["deployment/example", "deploymentconfig/example-dc"], plan.Workloads.Select(w => w.Workload.ToString()).Order(StringComparer.Ordinal));
        Assert.StartsWith($"{TestServices.Registry}/{repository}@sha256:", plan.DigestReference, StringComparison.Ordinal);
        Assert.Equal("default/example:latest", plan.StreamTag);
        Assert.All(result.Workloads, w => Assert.Equal(WorkloadOutcome.Planned, w.Outcome));
        Assert.Equal(["StepStarted Plan", "StepFinished Plan True", "PlanReady True", "Completed Planned"], observer.Ordered);
        Assert.Equal(stream["metadata"]!["uid"]!.ToString(), h.Sim.Get(ResourceTypes.ImageStreams, "example")["metadata"]!["uid"]!.ToString());
    }

    [Fact]
    public async Task Credentials_the_registry_refuses_fail_the_plan_with_the_login_error_before_any_upload()
    {
        await using var h = await ReleaseHarness.StartAsync(new WrongPassword(), "kubelet", "deployment", "replicaset", "image-trigger", "image-import");
        h.Stream();
        Workloads.Put(h.Sim, ResourceTypes.Deployments, Workloads.Deployment());
        var layout = Directory.CreateTempSubdirectory("imageroll-dry-").FullName;
        var writer = new OciLayoutWriter(layout);
        writer.WriteLayoutIndex(writer.WriteSmallImage(seed: Random.Shared.Next()));

        var (result, _) = await h.ReleaseAsync(new ReleaseOptions
        {
            Image = ImageReference.Parse($"{TestServices.AuthRegistry}/apps/dry-{Guid.NewGuid():N}:v1"),
            Source = new ArchiveSource(layout),
            StreamTag = StreamTagRef.Parse("example:latest"),
            Trigger = TriggerMode.Patch,
            Namespace = "default",
            Timeout = TimeSpan.FromSeconds(30),
        });

        Assert.Equal((ReleaseStatus.Failed, 3, "IR1002", ReleaseStep.Plan), (result.Status, result.ExitCode, result.Error!.Code, result.Error.Step));
        Assert.Contains(TestServices.AuthUser, result.Error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-password", ReleaseJson.Serialize(result), StringComparison.Ordinal);
        Assert.Equal("registry credentials", Assert.Single(result.Plan!.Checks, c => !c.Passed).Name);
        Assert.Equal([ReleaseStep.Plan], result.Steps.Select(s => s.Step));
        Assert.DoesNotContain(h.Sim.Cluster.Requests.ResourceRequests, r => r.Method is "PUT" or "PATCH" || (r.Method == "POST" && !r.Path.EndsWith("/selfsubjectaccessreviews", StringComparison.Ordinal)));
    }

    private sealed class WrongPassword : ImageRoll.Registry.Credentials.IRegistryCredentialProvider
    {
        public ValueTask<ImageRoll.Registry.Credentials.RegistryCredential?> GetAsync(string registryHost, CancellationToken cancellationToken) =>
            ValueTask.FromResult<ImageRoll.Registry.Credentials.RegistryCredential?>(new(TestServices.AuthUser, "not-the-password", null));
    }
}
