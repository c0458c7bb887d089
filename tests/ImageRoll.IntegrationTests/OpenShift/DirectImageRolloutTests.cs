using ImageRoll.ClusterSimulator.Store;
using ImageRoll.IntegrationTests.Infrastructure;

namespace ImageRoll.IntegrationTests.OpenShift;

/// <summary>Plain Kubernetes: `imageroll rollout WORKLOAD --image REG/REPO@sha256:D [--container NAME]`.</summary>
public sealed class DirectImageRolloutTests
{
    [Fact]
    public async Task The_only_container_gets_the_digest_by_default()
    {
        await using var sim = await OpenShiftSim.StartAsync();
        var image = await TestImages.PushAsync(TestServices.Registry, $"apps/plain-{Guid.NewGuid():N}", cancellationToken: TestContext.Current.CancellationToken);
        Workloads.Put(sim, ResourceTypes.Deployments, Workloads.Deployment("plain", triggers: null));
        var (code, stdout, stderr) = await sim.ImageRollAsync("rollout", "deployment/plain", "--image", image, "--no-wait");
        Assert.True(code == 0, stderr);
        Assert.Equal(image, Workloads.Image(sim.Get(ResourceTypes.Deployments, "plain")));
        Assert.Contains("patched", stdout, StringComparison.Ordinal);
        var patch = Assert.Single(sim.Cluster.Requests.ResourceRequests, r => r.Method == "PATCH");
        Assert.StartsWith("application/strategic-merge-patch+json", patch.ContentType, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Several_containers_need_a_name_and_the_error_lists_them()
    {
        await using var sim = await OpenShiftSim.StartAsync("deployment");
        var image = await TestImages.PushAsync(TestServices.Registry, $"apps/plain-{Guid.NewGuid():N}", cancellationToken: TestContext.Current.CancellationToken);
        var created = Workloads.Put(sim, ResourceTypes.Deployments, Workloads.Deployment("plain", null, "web", "sidecar"));
        var (code, _, stderr) = await sim.ImageRollAsync("rollout", "deployment/plain", "--image", image, "--no-wait");
        Assert.Equal(2, code);
        Assert.Contains("IR3340", stderr, StringComparison.Ordinal);
        Assert.Contains("web, sidecar", stderr, StringComparison.Ordinal);
        Assert.Equal((string?)created["metadata"]!["resourceVersion"], (string?)sim.Get(ResourceTypes.Deployments, "plain")["metadata"]!["resourceVersion"]);

        (code, _, stderr) = await sim.ImageRollAsync("rollout", "deployment/plain", "--image", image, "--container", "nope", "--no-wait");
        Assert.Equal(2, code);
        Assert.Contains("IR3341", stderr, StringComparison.Ordinal);

        (code, _, stderr) = await sim.ImageRollAsync("rollout", "deployment/plain", "--image", image, "--container", "sidecar", "--no-wait");
        Assert.True(code == 0, stderr);
        var d = sim.Get(ResourceTypes.Deployments, "plain");
        Assert.Equal(image, Workloads.Image(d, "sidecar"));
        Assert.Equal(" ", Workloads.Image(d, "web"));
    }

    [Fact]
    public async Task A_tag_instead_of_a_digest_is_refused()
    {
        await using var sim = await OpenShiftSim.StartAsync();
        Workloads.Put(sim, ResourceTypes.Deployments, Workloads.Deployment("plain", triggers: null));
        var (code, _, stderr) = await sim.ImageRollAsync("rollout", "deployment/plain", "--image", "127.0.0.1:5000/apps/x:latest", "--no-wait");
        Assert.Equal(2, code);
        Assert.Contains("IR3205", stderr, StringComparison.Ordinal);
    }
}
