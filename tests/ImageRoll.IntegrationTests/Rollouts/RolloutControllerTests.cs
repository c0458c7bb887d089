using System.Diagnostics;
using System.Text.Json.Nodes;
using ImageRoll.IntegrationTests.Registry;
using ImageRoll.IntegrationTests.SimulatorControllers;

namespace ImageRoll.IntegrationTests.Rollouts;

/// <summary>
/// Real rollouts in the simulated cluster (its Deployment/ReplicaSet controllers and the kubelet stand-in pulling from
/// the REAL registry), followed at the same time by the real <c>kubectl rollout status</c> and by ImageRoll (in-process,
/// and the first two also by the native AOT tool as a process).
/// </summary>
public sealed class RolloutControllerTests
{
    [Theory]
    [InlineData(CliHost.InProcess)]
    [InlineData(CliHost.Native)]
    public async Task Kubectl_and_ImageRoll_agree_on_the_success_of_an_image_update(CliHost host)
    {
        var v1 = await TestImages.DigestReferenceAsync("v1");
        var v2 = await TestImages.DigestReferenceAsync("v2");
        await using var sim = await SimulatorSession.StartAsync();
        await sim.ApplyAsync(Manifests.Deployment("web", v1));
        (await sim.KubectlAsync("rollout", "status", "deployment/web", "--timeout=60s")).EnsureSuccess("first rollout");

        (await sim.KubectlAsync("set", "image", "deployment/web", $"web={v2}")).EnsureSuccess("kubectl set image");
        var kubectl = sim.KubectlAsync("rollout", "status", "deployment/web", "--timeout=60s");
        var imageroll = await ImageRoll(host, sim, "status", "deployment/web", "--watch", "--timeout", "60s");

        var k = await kubectl;
        k.EnsureSuccess("kubectl rollout status");
        Assert.Equal(0, imageroll.ExitCode);
        Assert.Equal("deployment \"web\" successfully rolled out", k.Stdout.Trim().Split('\n')[^1]);
        Assert.Equal("deployment \"web\" successfully rolled out", imageroll.Stdout.Trim());
        Assert.All(sim.Pods("app", "web"), p => Assert.Equal(v2, (string?)p["spec"]!["containers"]![0]!["image"]));
    }

    [Theory]
    [InlineData(CliHost.InProcess)]
    [InlineData(CliHost.Native)]
    public async Task Kubectl_and_ImageRoll_agree_on_ProgressDeadlineExceeded(CliHost host)
    {
        await using var sim = await SimulatorSession.StartAsync();
        await sim.ApplyAsync(Manifests.Deployment("broken", TestImages.Missing, replicas: 1, progressDeadlineSeconds: 3));

        var kubectl = sim.KubectlAsync("rollout", "status", "deployment/broken", "--timeout=60s");
        var imageroll = await ImageRoll(host, sim, "status", "deployment/broken", "--watch", "--timeout", "60s", "--grace-period", "30s");

        var k = await kubectl;
        Assert.Equal(1, k.ExitCode);
        Assert.Contains("error: deployment \"broken\" exceeded its progress deadline", k.Stderr, StringComparison.Ordinal);
        Assert.Equal(4, imageroll.ExitCode);
        Assert.Contains("error IR4001: deployment/broken: deployment \"broken\" exceeded its progress deadline", imageroll.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImageRoll_fails_with_ImagePullBackOff_evidence_within_the_grace_period_while_kubectl_is_still_waiting()
    {
        await using var sim = await SimulatorSession.StartAsync();
        await sim.ApplyAsync(Manifests.Deployment("web", TestImages.Missing, replicas: 2));
        var clock = Stopwatch.StartNew();
        await using var kubectl = KubectlProcess.Start(sim.Kubeconfig, Path.Combine(Path.GetTempPath(), "imageroll-k-" + Guid.NewGuid().ToString("N")[..8]), clock,
            "rollout", "status", "deployment/web", "--timeout=120s", "-n", "default");

        var imageroll = await ImageRoll(sim, "status", "deployment/web", "--watch", "--timeout", "120s", "--grace-period", "3s", "--output", "json");
        var took = clock.Elapsed;

        Assert.False(kubectl.HasExited, "kubectl rollout status should still be waiting (its deadline is 10 minutes away)");
        Assert.Contains(kubectl.Lines, l => l.Line.Contains("Waiting for deployment \"web\" rollout to finish", StringComparison.Ordinal));
        Assert.True(took < TimeSpan.FromSeconds(30), $"ImageRoll took {took}");
        Assert.Equal(4, imageroll.ExitCode);
        var doc = JsonNode.Parse(imageroll.Stdout)!;
        Assert.Equal("IR4002", (string?)doc["error"]!["code"]);
        var w = doc["workloads"]![0]!;
        Assert.Equal("failed", (string?)w["outcome"]);
        var e = w["evidence"]!;
        Assert.Contains((string?)e["reason"], new[] { "ImagePullBackOff", "ErrImagePull" });
        Assert.Equal("web", (string?)e["container"]);
        Assert.StartsWith("web-", (string?)e["pod"], StringComparison.Ordinal);
        Assert.Contains(TestImages.Missing, (string?)e["message"], StringComparison.Ordinal);
        Assert.True((double)e["stuckForSeconds"]! >= 3);
        Assert.Contains(e["events"]!.AsArray(), ev => (string?)ev!["reason"] == "Failed" && ((string?)ev["message"])!.Contains("Failed to pull image", StringComparison.Ordinal));
        Assert.Contains("ImagePull", imageroll.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pull_failure_during_an_update_fails_within_the_default_grace_period_and_shows_the_stuck_pod_once()
    {
        // Issue 11 section 1: the update case (old ReplicaSet serving, revision 2), the default grace period (60s)
        // capped at half the timeout. The kubelet alternates ErrImagePull / ImagePullBackOff (and ContainerCreating
        // while it pulls again); none of those restarts the clock, and the evidence is printed once, not per retry.
        var v1 = await TestImages.DigestReferenceAsync("v1");
        var zeros = v1[..v1.IndexOf('@', StringComparison.Ordinal)] + "@sha256:" + new string('0', 64);
        await using var sim = await SimulatorSession.StartAsync();
        (await sim.KubectlAsync("create", "deployment", "bad", $"--image={v1}", "--replicas=2")).EnsureSuccess("kubectl create deployment");
        (await sim.KubectlAsync("rollout", "status", "deployment/bad", "--timeout=60s")).EnsureSuccess("first rollout");

        var clock = Stopwatch.StartNew();
        var result = await ImageRoll(sim, "rollout", "deployment/bad", "--image", zeros, "--timeout", "16s");
        var took = clock.Elapsed;

        Assert.Equal("2", await sim.JsonPathAsync("deployment/bad", "{.metadata.annotations.deployment\\.kubernetes\\.io/revision}"));
        Assert.Equal(4, result.ExitCode);
        Assert.Contains("error IR4002: deployment/bad rollout failed: pod bad-", result.Stderr, StringComparison.Ordinal);
        Assert.True(took < TimeSpan.FromSeconds(14), $"ImageRoll took {took} (grace 8s)");
        var shown = result.Stderr.Split('\n').Where(l => l.TrimStart().StartsWith("pod bad-", StringComparison.Ordinal)).ToList();
        var line = Assert.Single(shown);
        Assert.Matches("container app: (ErrImagePull|ImagePullBackOff) ", line);
        Assert.Equal(2, sim.Pods("app", "bad").Count(p => (string?)p["spec"]!["containers"]![0]!["image"] == v1));
    }

    [Fact]
    public async Task DaemonSet_new_pods_are_found_by_template_generation_after_a_non_template_edit()
    {
        // kubernetes pkg/registry/apps/daemonset/strategy.go PrepareForUpdate: templateGeneration (the pods'
        // pod-template-generation label) moves only with the template; metadata.generation with any spec change.
        var v1 = await TestImages.DigestReferenceAsync("ds-v1");
        await using var sim = await SimulatorSession.StartAsync();
        await sim.ApplyAsync(Manifests.DaemonSet("agent", v1));
        (await sim.KubectlAsync("rollout", "status", "daemonset/agent", "--timeout=60s")).EnsureSuccess("first rollout");
        (await sim.KubectlAsync("set", "image", "daemonset/agent", $"web={TestImages.Missing}")).EnsureSuccess("kubectl set image");
        (await sim.KubectlAsync("patch", "daemonset/agent", "--type=merge", "-p", """{"spec":{"minReadySeconds":1}}""")).EnsureSuccess("kubectl patch");
        await sim.WaitForJsonPathAsync("daemonset/agent", "{.status.observedGeneration}", g => g == "3");
        Assert.Equal("2", await sim.JsonPathAsync("daemonset/agent", "{.metadata.annotations.deprecated\\.daemonset\\.template\\.generation}"));
        await sim.WaitForJsonPathAsync("pods", "{.items[*].metadata.labels.pod-template-generation}", l => l.Split(' ').Contains("2"));

        var result = await ImageRoll(sim, "status", "daemonset/agent", "--watch", "--timeout", "20s", "--grace-period", "2s");

        Assert.Equal(4, result.ExitCode);
        Assert.Contains("error IR4002: daemonset/agent rollout failed: pod agent-", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatefulSet_rollback_returns_to_the_previous_ControllerRevision_and_replaces_the_stuck_pod()
    {
        // Parallel: with OrderedReady the real StatefulSet controller waits for the stuck pod to become Ready before
        // it replaces it, even after a rollback (the "forced rollback" of the StatefulSet docs), and so does the simulator.
        var v1 = await TestImages.DigestReferenceAsync("sts-v1");
        await using var sim = await SimulatorSession.StartAsync();
        await sim.ApplyAsync(Manifests.StatefulSet("db", v1, replicas: 2, partition: 0, podManagementPolicy: "Parallel"));
        (await sim.KubectlAsync("rollout", "status", "statefulset/db", "--timeout=60s")).EnsureSuccess("first rollout");
        var before = await sim.JsonPathAsync("statefulset/db", "{.status.currentRevision}");

        var result = await ImageRoll(sim, "rollout", "statefulset/db", "--image", TestImages.Missing, "--rollback-on-failure",
            "--grace-period", "3s", "--timeout", "90s");

        Assert.Equal(4, result.ExitCode);
        Assert.Contains("IR4002", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("rolled back to", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(" by ImageRoll: partitioned roll out complete", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(v1, await sim.JsonPathAsync("statefulset/db", "{.spec.template.spec.containers[0].image}"));
        (await sim.KubectlAsync("rollout", "status", "statefulset/db", "--timeout=60s")).EnsureSuccess("kubectl rollout status after the rollback");
        Assert.Equal(before, await sim.JsonPathAsync("statefulset/db", "{.status.updateRevision}"));
        var pods = sim.Pods("app", "db");
        Assert.Equal(2, pods.Count);
        Assert.All(pods, p => Assert.Equal(v1, (string?)p["spec"]!["containers"]![0]!["image"]));
    }

    private static Task<CliResult> ImageRoll(SimulatorSession sim, params string[] args) => ImageRoll(CliHost.InProcess, sim, args);

    private static Task<CliResult> ImageRoll(CliHost host, SimulatorSession sim, params string[] args) =>
        ImageRollCli.RunAsync(host, new Dictionary<string, string?>(), [.. args, "--kubeconfig", sim.Kubeconfig, "-n", "default"]);
}
