using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Store;
using ImageRoll.IntegrationTests.Infrastructure;
using ImageRoll.IntegrationTests.OpenShift;

namespace ImageRoll.IntegrationTests.Rollouts;

/// <summary>
/// <c>imageroll rollout --rollback-on-failure</c> against the simulator's image import, trigger, Deployment and
/// kubelet controllers and the real registry. The bad release is an image that was pruned from the registry after
/// its import (the stream tag's newest history entry names a digest the registry no longer has): the trigger
/// rolls it out, the kubelet cannot pull it.
/// </summary>
public sealed class RollbackTests
{
    [Fact]
    public async Task Rollback_points_the_stream_back_first_so_the_trigger_controller_restores_and_keeps_the_previous_image()
    {
        await using var sim = await OpenShiftSim.StartAsync();
        var good = await OpenShift.TestImages.PushAsync(TestServices.Registry, $"apps/rollback-{Guid.NewGuid():N}", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(good, await Workloads.TagAsync(sim, good));
        Workloads.Put(sim, ResourceTypes.Deployments, Workloads.Deployment());
        var first = await sim.ImageRollAsync("rollout", "deployment/example", "--from", "example:latest", "--trigger", "wait", "--timeout", "60s", "-n", "default");
        Assert.True(first.ExitCode == 0, first.Stderr);
        Assert.Contains("deployment \"example\" successfully rolled out", first.Stderr, StringComparison.Ordinal);

        var bad = good[..good.IndexOf('@', StringComparison.Ordinal)] + "@sha256:" + new string('e', 64);
        PretendImported(sim, bad);
        var result = await sim.ImageRollAsync("rollout", "deployment/example", "--from", "example:latest", "--trigger", "wait",
            "--rollback-on-failure", "--grace-period", "3s", "--timeout", "90s", "-n", "default");

        Assert.Equal(4, result.ExitCode);
        Assert.Contains("IR4002", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("rolled back to example-", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("by the trigger controller: deployment \"example\" successfully rolled out", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(good, Workloads.Image(sim.Get(ResourceTypes.Deployments, "example")));
        Assert.Equal(good[(good.IndexOf('@', StringComparison.Ordinal) + 1)..], NewestTagImage(sim));

        // The trigger controller re-resolves the tag on every stream change: make one and check it leaves the image.
        sim.Store.Modify(ResourceTypes.ImageStreams, "default", "example", s => s["metadata"]!["annotations"] = new JsonObject { ["touched"] = "1" });
        var until = DateTime.UtcNow.AddSeconds(2);
        while (DateTime.UtcNow < until)
        {
            Assert.Equal(good, Workloads.Image(sim.Get(ResourceTypes.Deployments, "example")));
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        var status = await sim.KubectlAsync("rollout", "status", "deployment/example", "--timeout=30s", "-n", "default");
        status.EnsureSuccess("kubectl rollout status after the rollback");
        Assert.All(sim.Store.List(ResourceTypes.Pods, "default").Items.Where(p => p["metadata"]?["deletionTimestamp"] is null && (string?)p["status"]?["phase"] == "Running"),
            p => Assert.Equal(good, (string?)p["spec"]!["containers"]![0]!["image"]));
    }

    [Fact]
    public async Task Patch_mode_rollback_repoints_the_stream_then_ImageRoll_undoes_the_deployment_itself()
    {
        await using var sim = await OpenShiftSim.StartAsync("image-trigger");
        var good = await OpenShift.TestImages.PushAsync(TestServices.Registry, $"apps/rollback-{Guid.NewGuid():N}", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(good, await Workloads.TagAsync(sim, good));
        Workloads.Put(sim, ResourceTypes.Deployments, Workloads.Deployment());
        var first = await sim.ImageRollAsync("rollout", "deployment/example", "--from", "example:latest", "--trigger", "patch", "--timeout", "60s", "-n", "default");
        Assert.True(first.ExitCode == 0, first.Stderr);

        var bad = good[..good.IndexOf('@', StringComparison.Ordinal)] + "@sha256:" + new string('d', 64);
        PretendImported(sim, bad);
        sim.Cluster.Requests.Clear();
        var result = await sim.ImageRollAsync("rollout", "deployment/example", "--from", "example:latest", "--trigger", "patch",
            "--rollback-on-failure", "--grace-period", "3s", "--timeout", "90s", "-n", "default", "--output", "json");

        Assert.Equal(4, result.ExitCode);
        Assert.Contains("by ImageRoll: deployment \"example\" successfully rolled out", result.Stderr, StringComparison.Ordinal);
        AssertJsonEvidence(result.Stdout, bad, good);
        Assert.Equal(good, Workloads.Image(sim.Get(ResourceTypes.Deployments, "example")));
        Assert.Equal(good[(good.IndexOf('@', StringComparison.Ordinal) + 1)..], NewestTagImage(sim));
        var writes = sim.Cluster.Requests.ResourceRequests.Where(r => r.Method is "PUT" or "PATCH" or "POST").Select(r => $"{r.Method} {r.PathAndQuery.Split('?')[0]}").ToList();
        var repoint = writes.FindIndex(w => w.Contains("/imagestreamtags/", StringComparison.Ordinal));
        var undo = writes.FindLastIndex(w => w.StartsWith("PATCH", StringComparison.Ordinal) && w.EndsWith("/deployments/example", StringComparison.Ordinal));
        Assert.True(repoint >= 0 && undo > repoint, "the stream tag must be pointed back before the deployment is rolled back: " + string.Join(", ", writes));
        var patch = sim.Cluster.Requests.ResourceRequests.Last(r => r.Method == "PATCH" && r.PathAndQuery.Split('?')[0].EndsWith("/deployments/example", StringComparison.Ordinal));
        Assert.StartsWith("application/json-patch+json", patch.ContentType, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeploymentConfig_rollback_supersedes_the_failing_version_and_the_next_version_completes_on_the_previous_image()
    {
        await using var sim = await OpenShiftSim.StartAsync();
        var good = await OpenShift.TestImages.PushAsync(TestServices.Registry, $"apps/dc-rollback-{Guid.NewGuid():N}", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(good, await Workloads.TagAsync(sim, good));
        Workloads.Put(sim, ResourceTypes.DeploymentConfigs, Workloads.DeploymentConfig("example-dc", automatic: true, configChange: true));
        var first = await sim.ImageRollAsync("rollout", "dc/example-dc", "--from", "example:latest", "--trigger", "wait", "--timeout", "60s", "-n", "default");
        Assert.True(first.ExitCode == 0, first.Stderr);
        var before = (long)sim.Get(ResourceTypes.DeploymentConfigs, "example-dc")["status"]!["latestVersion"]!;

        var bad = good[..good.IndexOf('@', StringComparison.Ordinal)] + "@sha256:" + new string('c', 64);
        PretendImported(sim, bad);
        var result = await sim.ImageRollAsync("rollout", "dc/example-dc", "--from", "example:latest", "--trigger", "wait",
            "--rollback-on-failure", "--grace-period", "3s", "--timeout", "90s", "-n", "default");

        Assert.Equal(4, result.ExitCode);
        Assert.Contains("IR4002", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("by the trigger controller", result.Stderr, StringComparison.Ordinal);
        var dc = sim.Get(ResourceTypes.DeploymentConfigs, "example-dc");
        var latest = (long)dc["status"]!["latestVersion"]!;
        Assert.Equal(before + 2, latest);
        Assert.Equal(good, Workloads.Image(dc));
        Assert.Equal(good[(good.IndexOf('@', StringComparison.Ordinal) + 1)..], NewestTagImage(sim));

        // The bad version was superseded while still rolling out (cancelled, Failed, scaled to 0); the rollback
        // version is Complete on the previous image and is the only RC with replicas.
        var failed = sim.Get(ResourceTypes.ReplicationControllers, $"example-dc-{before + 1}");
        Assert.Equal(("true", "Failed"), ((string?)failed["metadata"]!["annotations"]!["openshift.io/deployment.cancelled"], (string?)failed["metadata"]!["annotations"]!["openshift.io/deployment.phase"]));
        Assert.Equal(0, (long)failed["spec"]!["replicas"]!);
        var rollback = await sim.WaitForAsync(ResourceTypes.ReplicationControllers, $"example-dc-{latest}",
            rc => (string?)rc["metadata"]!["annotations"]!["openshift.io/deployment.phase"] == "Complete", "the rollback version Complete");
        Assert.Equal(good, Workloads.Image(rollback));
        Assert.Equal(1, (long)rollback["spec"]!["replicas"]!);
        Assert.Contains(" successfully rolled out", result.Stderr, StringComparison.Ordinal);
        Assert.All(sim.Store.List(ResourceTypes.Pods, "default").Items.Where(p => p["metadata"]?["deletionTimestamp"] is null && (string?)p["status"]?["phase"] == "Running"),
            p => Assert.Equal(good, (string?)p["spec"]!["containers"]![0]!["image"]));
    }

    /// <summary>The --output json document: one document, the pull failure's evidence and the rollback as data.</summary>
    private static void AssertJsonEvidence(string stdout, string bad, string good)
    {
        var doc = JsonNode.Parse(stdout)!;
        Assert.Equal(("failed", 4, "IR4002"), ((string?)doc["status"], (int)doc["exitCode"]!, (string?)doc["error"]!["code"]));
        Assert.Equal("deployment/example", (string?)doc["workloads"]![0]!["workload"]);
        var w = doc["rollout"]!["workloads"]![0]!;
        Assert.Equal(("failed", "deployment/example"), ((string?)w["outcome"], (string?)w["workload"]));
        var e = w["evidence"]!;
        Assert.Contains((string?)e["reason"], new[] { "ImagePullBackOff", "ErrImagePull" });
        Assert.StartsWith("example-", (string?)e["pod"], StringComparison.Ordinal);
        Assert.Contains(bad, (string?)e["message"], StringComparison.Ordinal);
        Assert.Contains(e["events"]!.AsArray(), ev => (string?)ev!["reason"] == "Failed" && ((string?)ev["message"])!.Contains("Failed to pull image", StringComparison.Ordinal));
        var rb = w["rollback"]!;
        Assert.Equal((true, "succeeded"), ((bool)rb["performed"]!, (string?)rb["outcome"]));
        Assert.Contains(rb["restoredImages"]!.AsArray(), i => ((string?)i)!.EndsWith(good, StringComparison.Ordinal));
    }

    /// <summary>Writes the tag's newest history entry as the import controller would have, for an image since pruned.</summary>
    private static void PretendImported(OpenShiftSim sim, string reference) =>
        sim.Store.Modify(ResourceTypes.ImageStreams, "default", "example", s =>
        {
            var tag = s["status"]!["tags"]!.AsArray().OfType<JsonObject>().First(t => (string?)t["tag"] == "latest");
            var items = tag["items"]!.AsArray();
            items.Insert(0, new JsonObject
            {
                ["created"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
                ["dockerImageReference"] = reference,
                ["image"] = reference[(reference.IndexOf('@', StringComparison.Ordinal) + 1)..],
                ["generation"] = items[0]!["generation"]!.DeepClone(),
            });
        }, WriteScope.Status);

    private static string? NewestTagImage(OpenShiftSim sim) =>
        (string?)sim.Get(ResourceTypes.ImageStreams, "example")["status"]!["tags"]!.AsArray().OfType<JsonObject>().First(t => (string?)t["tag"] == "latest")["items"]![0]!["image"];
}
