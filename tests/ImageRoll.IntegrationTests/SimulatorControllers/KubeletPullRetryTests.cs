using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator;
using ImageRoll.ClusterSimulator.Controllers.Kubelet;
using ImageRoll.ClusterSimulator.Store;
using ImageRoll.IntegrationTests.Infrastructure;

namespace ImageRoll.IntegrationTests.SimulatorControllers;

/// <summary>
/// What a container's waiting state says while the kubelet retries a failing pull. The real kubelet writes the
/// reason of the last failed start from its reason cache (kubernetes pkg/kubelet/kubelet_pods.go
/// convertToAPIContainerStatuses, pkg/kubelet/reason_cache.go Update: only a successful start removes it), so between
/// retries, and during a retried pull, the container stays in ErrImagePull or ImagePullBackOff; ContainerCreating is
/// only shown before the first attempt ends. Both kubelets of the simulator, every status they write, watched.
/// </summary>
public sealed class KubeletPullRetryTests
{
    [Theory]
    [InlineData(KubeletMode.StandIn)]
    [InlineData(KubeletMode.Docker)]
    public async Task A_retried_pull_keeps_the_last_error_reason_and_never_goes_back_to_ContainerCreating(KubeletMode mode)
    {
        var options = new SimulatorOptions { Timings = SimulatorSession.FastTimings, Kubelet = mode };
        await using var sim = await SimulatorSession.StartAsync(mode == KubeletMode.Docker ? options with { DockerHost = TestServices.DockerHostUnix } : options);
        using var watch = sim.Cluster.Store.Watch(new WatchRequest { Types = [ResourceTypes.Pods], Namespace = "default" });
        await sim.ApplyAsync(Manifests.Deployment("retry", TestImages.Missing, replicas: 1));

        // Every container state written, in order, until the kubelet has failed the pull three times (two retries).
        var states = new List<string>();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(TimeSpan.FromSeconds(60));
        var pulls = 0;
        await foreach (var e in watch.WithCancellation(cts.Token))
        {
            if (e.Object["status"]?["containerStatuses"]?[0]?["state"] is not JsonObject state)
            {
                continue;
            }

            var waiting = (string?)state["waiting"]?["reason"] ?? (state.Select(p => p.Key).FirstOrDefault() ?? "none");
            if (states.Count == 0 || states[^1] != waiting)
            {
                states.Add(waiting);
                pulls += waiting == "ErrImagePull" ? 1 : 0;
            }

            if (pulls >= 3)
            {
                break;
            }
        }

        Assert.True(pulls >= 3, $"the kubelet did not retry the pull twice within 60s: {string.Join(" -> ", states)}");
        var afterFirstFailure = states.SkipWhile(s => s != "ErrImagePull").ToList();
        Assert.All(afterFirstFailure, s => Assert.Contains(s, new[] { "ErrImagePull", "ImagePullBackOff" }));
        Assert.Contains("ImagePullBackOff", afterFirstFailure);
        Assert.Equal("ContainerCreating", states[0]);
    }
}
