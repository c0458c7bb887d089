using ImageRoll.ClusterSimulator.Store;

namespace ImageRoll.IntegrationTests.SimulatorControllers;

/// <summary>The Deployment, ReplicaSet and kubelet stand-ins, judged by the real kubectl.</summary>
public sealed class DeploymentControllerTests
{
    [Fact]
    public async Task Kubectl_rollout_status_reports_success_once_every_pod_is_ready()
    {
        var image = await TestImages.DigestReferenceAsync("v1");
        await using var sim = await SimulatorSession.StartAsync();
        await sim.ApplyAsync(Manifests.Deployment("web", image));

        var status = await sim.KubectlAsync("rollout", "status", "deployment/web", "--timeout=60s");

        status.EnsureSuccess("kubectl rollout status");
        Assert.Contains("deployment \"web\" successfully rolled out", status.Stdout, StringComparison.Ordinal);
        Assert.Equal("3 3 3", await sim.JsonPathAsync("deployment/web", "{.status.updatedReplicas} {.status.readyReplicas} {.status.availableReplicas}"));
        var hash = await sim.JsonPathAsync("rs", "{.items[0].metadata.labels.pod-template-hash}");
        Assert.Equal($"web-{hash}", await sim.JsonPathAsync("rs", "{.items[0].metadata.name}"));
        Assert.Equal("Running Running Running", await sim.JsonPathAsync("pods", "{.items[*].status.phase}"));
        Assert.Equal(
            "NewReplicaSetAvailable",
            await sim.JsonPathAsync("deployment/web", "{.status.conditions[?(@.type==\"Progressing\")].reason}"));
    }

    [Fact]
    public async Task An_image_update_rolls_a_new_ReplicaSet_and_scales_the_old_one_to_zero()
    {
        var v1 = await TestImages.DigestReferenceAsync("v1");
        var v2 = await TestImages.DigestReferenceAsync("v2");
        await using var sim = await SimulatorSession.StartAsync();
        await sim.ApplyAsync(Manifests.Deployment("web", v1));
        (await sim.KubectlAsync("rollout", "status", "deployment/web", "--timeout=60s")).EnsureSuccess("first rollout");

        (await sim.KubectlAsync("set", "image", "deployment/web", $"web={v2}")).EnsureSuccess("kubectl set image");
        var status = await sim.KubectlAsync("rollout", "status", "deployment/web", "--timeout=60s");

        status.EnsureSuccess("kubectl rollout status");
        Assert.Contains("successfully rolled out", status.Stdout, StringComparison.Ordinal);
        var sets = sim.Cluster.Store.List(ResourceTypes.ReplicaSets, "default").Items;
        Assert.Equal(2, sets.Count);
        var newest = sets.Single(rs => rs["metadata"]!["annotations"]!["deployment.kubernetes.io/revision"]!.GetValue<string>() == "2");
        Assert.Equal(v2, newest["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!.GetValue<string>());
        var old = sets.Single(rs => rs != newest);
        Assert.Equal(0, old["spec"]!["replicas"]!.GetValue<long>());
        Assert.All(sim.Pods("app", "web"), p => Assert.Equal(v2, p["spec"]!["containers"]![0]!["image"]!.GetValue<string>()));
        Assert.Equal("2", await sim.JsonPathAsync("deployment/web", "{.metadata.annotations.deployment\\.kubernetes\\.io/revision}"));
        var events = await sim.KubectlAsync("get", "events", "-o", "jsonpath={.items[*].message}");
        Assert.Contains($"Scaled down replica set {old["metadata"]!["name"]}", events.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_image_backs_off_and_rollout_status_fails_at_the_progress_deadline()
    {
        await using var sim = await SimulatorSession.StartAsync();
        await sim.ApplyAsync(Manifests.Deployment("broken", TestImages.Missing, replicas: 1, progressDeadlineSeconds: 3));

        // The pod alternates ErrImagePull / ImagePullBackOff as the kubelet retries: read both fields in one call.
        var waiting = await sim.WaitForJsonPathAsync("pods",
            "{.items[0].status.containerStatuses[0].state.waiting.reason}|{.items[0].status.containerStatuses[0].state.waiting.message}",
            text => text.StartsWith("ImagePullBackOff|", StringComparison.Ordinal));
        var reason = waiting.Split('|')[0];
        var message = waiting[(waiting.IndexOf('|', StringComparison.Ordinal) + 1)..];
        var status = await sim.KubectlAsync("rollout", "status", "deployment/broken", "--timeout=60s");
        var events = await sim.KubectlAsync("get", "events", "-o", "jsonpath={range .items[*]}{.type} {.reason} {.message}{\"\\n\"}{end}");

        Assert.Equal("ImagePullBackOff", reason);
        Assert.Equal($"Back-off pulling image \"{TestImages.Missing}\"", message);
        Assert.NotEqual(0, status.ExitCode);
        Assert.Contains("error: deployment \"broken\" exceeded its progress deadline", status.Stderr, StringComparison.Ordinal);
        Assert.Contains($"Warning Failed Failed to pull image \"{TestImages.Missing}\": rpc error: code = NotFound", events.Stdout, StringComparison.Ordinal);
        Assert.Contains("Warning Failed Error: ErrImagePull", events.Stdout, StringComparison.Ordinal);
        Assert.Contains($"Normal BackOff Back-off pulling image \"{TestImages.Missing}\"", events.Stdout, StringComparison.Ordinal);
        Assert.Equal(
            "False ProgressDeadlineExceeded",
            await sim.JsonPathAsync("deployment/broken", "{.status.conditions[?(@.type==\"Progressing\")].status} {.status.conditions[?(@.type==\"Progressing\")].reason}"));
    }

    [Fact]
    public async Task The_crash_annotation_puts_the_container_into_CrashLoopBackOff()
    {
        var image = await TestImages.DigestReferenceAsync("v1");
        await using var sim = await SimulatorSession.StartAsync();
        await sim.ApplyAsync(Manifests.Deployment("crashy", image, replicas: 1,
            extraPodAnnotations: ", simulator.imageroll.dev/crash: \"true\""));

        // Running and CrashLoopBackOff alternate as the kubelet restarts the container: read the fields in one call.
        var state = await sim.WaitForJsonPathAsync("pods",
            "{.items[0].status.containerStatuses[0].state.waiting.reason} {.items[0].status.containerStatuses[0].lastState.terminated.exitCode} {.items[0].status.containerStatuses[0].lastState.terminated.reason}",
            text => text.StartsWith("CrashLoopBackOff ", StringComparison.Ordinal));
        var restarts = int.Parse(await sim.JsonPathAsync("pods", "{.items[0].status.containerStatuses[0].restartCount}"), System.Globalization.CultureInfo.InvariantCulture);
        var events = await sim.KubectlAsync("get", "events", "-o", "jsonpath={.items[*].message}");

        Assert.Equal("CrashLoopBackOff 1 Error", state);
        Assert.True(restarts >= 1, $"restartCount {restarts}");
        Assert.Contains("Back-off restarting failed container web in pod crashy-", events.Stdout, StringComparison.Ordinal);
    }
}
