using ImageRoll.ClusterSimulator.Store;

namespace ImageRoll.IntegrationTests.SimulatorControllers;

/// <summary>Deployment life-cycle operations through the real kubectl: undo, pause/resume, Recreate, late images, probes.</summary>
public sealed class DeploymentLifecycleTests
{
    [Fact]
    public async Task Rollout_undo_brings_back_the_previous_ReplicaSet_as_the_newest_revision()
    {
        var v1 = await TestImages.DigestReferenceAsync("v1");
        var v2 = await TestImages.DigestReferenceAsync("v2");
        await using var sim = await SimulatorSession.StartAsync();
        await sim.ApplyAsync(Manifests.Deployment("web", v1, replicas: 2));
        (await sim.KubectlAsync("rollout", "status", "deployment/web", "--timeout=60s")).EnsureSuccess("v1 rollout");
        var firstSet = await sim.JsonPathAsync("rs", "{.items[0].metadata.name}");
        (await sim.KubectlAsync("set", "image", "deployment/web", $"web={v2}")).EnsureSuccess("set image");
        (await sim.KubectlAsync("rollout", "status", "deployment/web", "--timeout=60s")).EnsureSuccess("v2 rollout");

        (await sim.KubectlAsync("rollout", "undo", "deployment/web")).EnsureSuccess("kubectl rollout undo");
        var status = await sim.KubectlAsync("rollout", "status", "deployment/web", "--timeout=60s");

        status.EnsureSuccess("rollout status after undo");
        Assert.Equal(v1, await sim.JsonPathAsync("deployment/web", "{.spec.template.spec.containers[0].image}"));
        Assert.Equal("3 2", await sim.JsonPathAsync($"rs/{firstSet}", "{.metadata.annotations.deployment\\.kubernetes\\.io/revision} {.spec.replicas}"));
        Assert.Equal(2, sim.Cluster.Store.List(ResourceTypes.ReplicaSets, "default").Items.Count);
        Assert.All(sim.Pods("app", "web"), p => Assert.Equal(v1, p["spec"]!["containers"]![0]!["image"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_paused_deployment_rolls_out_only_after_resume()
    {
        var v1 = await TestImages.DigestReferenceAsync("v1");
        var v2 = await TestImages.DigestReferenceAsync("v2");
        await using var sim = await SimulatorSession.StartAsync();
        await sim.ApplyAsync(Manifests.Deployment("web", v1, replicas: 2));
        (await sim.KubectlAsync("rollout", "status", "deployment/web", "--timeout=60s")).EnsureSuccess("v1 rollout");

        (await sim.KubectlAsync("rollout", "pause", "deployment/web")).EnsureSuccess("pause");
        (await sim.KubectlAsync("set", "image", "deployment/web", $"web={v2}")).EnsureSuccess("set image");
        var paused = await sim.WaitForJsonPathAsync("deployment/web",
            "{.status.observedGeneration}/{.metadata.generation} {.status.conditions[?(@.type==\"Progressing\")].reason}",
            text => text.EndsWith(" DeploymentPaused", StringComparison.Ordinal) && text.Split(' ')[0].Split('/') is [var o, var g] && o == g);
        var waiting = await sim.KubectlAsync("rollout", "status", "deployment/web", "--timeout=1s");
        Assert.Single(sim.Cluster.Store.List(ResourceTypes.ReplicaSets, "default").Items);
        (await sim.KubectlAsync("rollout", "resume", "deployment/web")).EnsureSuccess("resume");
        var status = await sim.KubectlAsync("rollout", "status", "deployment/web", "--timeout=60s");

        Assert.NotEqual(0, waiting.ExitCode);
        Assert.Contains("Waiting for deployment \"web\" rollout to finish: 0 out of 2 new replicas have been updated...", waiting.Stdout, StringComparison.Ordinal);
        status.EnsureSuccess("rollout status after resume");
        Assert.Equal(2, sim.Cluster.Store.List(ResourceTypes.ReplicaSets, "default").Items.Count);
        Assert.Contains("DeploymentPaused", paused, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recreate_removes_every_old_pod_before_starting_new_ones()
    {
        var v1 = await TestImages.DigestReferenceAsync("v1");
        var v2 = await TestImages.DigestReferenceAsync("v2");
        await using var sim = await SimulatorSession.StartAsync();
        var manifest = Manifests.Deployment("web", v1, replicas: 2, strategy: "strategy: {type: Recreate}");
        await sim.ApplyAsync(manifest);
        (await sim.KubectlAsync("rollout", "status", "deployment/web", "--timeout=60s")).EnsureSuccess("v1 rollout");
        var mixed = false;
        using var watch = sim.Cluster.Store.Watch(WatchRequest.For(ResourceTypes.Pods));
        var observer = Task.Run(async () =>
        {
            var images = new Dictionary<string, string>();
            await foreach (var e in watch)
            {
                if (e.Type == StoreEvent.Bookmark)
                {
                    continue;
                }

                var name = e.Object["metadata"]!["name"]!.GetValue<string>();
                if (e.Type == StoreEvent.Deleted)
                {
                    images.Remove(name);
                }
                else
                {
                    images[name] = e.Object["spec"]!["containers"]![0]!["image"]!.GetValue<string>();
                }

                mixed |= images.Values.Distinct().Count() > 1;
            }
        }, TestContext.Current.CancellationToken);

        (await sim.KubectlAsync("set", "image", "deployment/web", $"web={v2}")).EnsureSuccess("set image");
        var status = await sim.KubectlAsync("rollout", "status", "deployment/web", "--timeout=60s");
        watch.Dispose();
        await observer;

        status.EnsureSuccess("Recreate rollout");
        Assert.False(mixed, "old and new pods existed at the same time");
        Assert.All(sim.Pods("app", "web"), p => Assert.Equal(v2, p["spec"]!["containers"]![0]!["image"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_pod_waiting_for_a_missing_tag_starts_once_the_image_is_pushed()
    {
        var tag = "late-" + Guid.NewGuid().ToString("N")[..8];
        var image = $"{ImageRoll.IntegrationTests.Infrastructure.TestServices.Registry}/simctl/late:{tag}";
        await using var sim = await SimulatorSession.StartAsync();
        await sim.ApplyAsync(Manifests.Deployment("late", image, replicas: 1));
        await sim.WaitForJsonPathAsync("pods", "{.items[0].status.containerStatuses[0].state.waiting.reason}",
            text => text is "ErrImagePull" or "ImagePullBackOff");

        await TestImages.PushToAsync("v1", $"simctl/late:{tag}");
        var status = await sim.KubectlAsync("rollout", "status", "deployment/late", "--timeout=60s");

        status.EnsureSuccess("rollout status after the push");
        Assert.Equal("Running true", await sim.JsonPathAsync("pods", "{.items[0].status.phase} {.items[0].status.containerStatuses[0].ready}"));
        Assert.StartsWith($"{ImageRoll.IntegrationTests.Infrastructure.TestServices.Registry}/simctl/late@sha256:",
            await sim.JsonPathAsync("pods", "{.items[0].status.containerStatuses[0].imageID}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_readiness_annotation_keeps_pods_running_but_never_ready()
    {
        var image = await TestImages.DigestReferenceAsync("v1");
        await using var sim = await SimulatorSession.StartAsync();
        await sim.ApplyAsync(Manifests.Deployment("unready", image, replicas: 1, progressDeadlineSeconds: 2,
            extraPodAnnotations: ", simulator.imageroll.dev/readiness: fail"));

        var status = await sim.KubectlAsync("rollout", "status", "deployment/unready", "--timeout=60s");
        var pod = await sim.JsonPathAsync("pods", "{.items[0].status.phase} {.items[0].status.containerStatuses[0].ready} {.items[0].status.conditions[?(@.type==\"Ready\")].reason}");
        var events = await sim.KubectlAsync("get", "events", "-o", "jsonpath={range .items[*]}{.type} {.reason} {.message}{\"\\n\"}{end}");

        Assert.Contains("exceeded its progress deadline", status.Stderr, StringComparison.Ordinal);
        Assert.Equal("Running false ContainersNotReady", pod);
        Assert.Contains("Warning Unhealthy Readiness probe failed: HTTP probe failed with statuscode: 503", events.Stdout, StringComparison.Ordinal);
    }
}
