using ImageRoll.ClusterSimulator.Store;
using ImageRoll.IntegrationTests.Registry;
using ImageRoll.IntegrationTests.SimulatorControllers;

namespace ImageRoll.IntegrationTests.Rollouts;

/// <summary>One <c>imageroll status --watch</c> following a StatefulSet, a DaemonSet and a DeploymentConfig at once.</summary>
public sealed class MultiKindFollowTests
{
    [Fact]
    public async Task ImageRoll_follows_three_kinds_at_once_with_kubectls_words_and_fails_the_DeploymentConfig_with_evidence()
    {
        var v1 = await TestImages.DigestReferenceAsync("v1");
        var v2 = await TestImages.DigestReferenceAsync("v2");
        await using var sim = await SimulatorSession.StartAsync(SimulatorSession.FastTimings with { NodeCount = 3 });
        await sim.ApplyAsync(Manifests.StatefulSet("db", v1, replicas: 3, partition: 0));
        await sim.ApplyAsync(Manifests.DaemonSet("agent", v1));
        (await sim.KubectlAsync("rollout", "status", "statefulset/db", "--timeout=60s")).EnsureSuccess("first sts rollout");
        (await sim.KubectlAsync("rollout", "status", "daemonset/agent", "--timeout=60s")).EnsureSuccess("first ds rollout");

        await sim.ApplyAsync(Manifests.StatefulSet("db", v2, replicas: 3, partition: 1));
        await sim.ApplyAsync(Manifests.DaemonSet("agent", v2));
        await sim.ApplyAsync(Manifests.DeploymentConfig("bad", TestImages.Missing, replicas: 1, timeoutSeconds: 600));
        sim.Cluster.Store.Modify(ResourceTypes.DeploymentConfigs, "default", "bad", dc => dc["status"]!["latestVersion"] = 1, WriteScope.Status);

        var imageroll = await ImageRollCli.RunAsync(new Dictionary<string, string?>(),
            "status", "sts/db", "ds/agent", "dc/bad", "--watch", "--timeout", "60s", "--grace-period", "3s", "--kubeconfig", sim.Kubeconfig, "-n", "default");
        var sts = await sim.KubectlAsync("rollout", "status", "statefulset/db", "--timeout=60s");
        var ds = await sim.KubectlAsync("rollout", "status", "daemonset/agent", "--timeout=60s");

        Assert.Equal(4, imageroll.ExitCode);
        var lines = imageroll.Stdout.Trim().Split('\n');
        Assert.Equal(sts.Stdout.Trim().Split('\n')[^1], lines[0]);
        Assert.Equal("partitioned roll out complete: 2 new pods have been updated...", lines[0]);
        Assert.Equal(ds.Stdout.Trim().Split('\n')[^1], lines[1]);
        Assert.Equal("daemon set \"agent\" successfully rolled out", lines[1]);
        // Failure text is never on stdout: the failed DC's words are on stderr, with the error.
        Assert.Equal(2, lines.Length);
        Assert.Contains("deploymentconfig/bad rollout failed: pod bad-1-", imageroll.Stderr, StringComparison.Ordinal);
        Assert.Contains("IR4002", imageroll.Stderr, StringComparison.Ordinal);
        // Each workload's last words are printed once: on stdout when it rolled out.
        Assert.DoesNotContain("statefulset/db: partitioned roll out complete", imageroll.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("daemon set \"agent\" successfully rolled out", imageroll.Stderr, StringComparison.Ordinal);
    }
}
