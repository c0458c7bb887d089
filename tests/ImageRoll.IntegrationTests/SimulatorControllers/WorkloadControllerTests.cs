using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Store;

namespace ImageRoll.IntegrationTests.SimulatorControllers;

/// <summary>StatefulSet, DaemonSet and DeploymentConfig stand-ins, judged by the real kubectl.</summary>
public sealed class WorkloadControllerTests
{
    [Fact]
    public async Task StatefulSet_with_a_partition_updates_only_the_ordinals_at_or_above_it()
    {
        var v1 = await TestImages.DigestReferenceAsync("v1");
        var v2 = await TestImages.DigestReferenceAsync("v2");
        await using var sim = await SimulatorSession.StartAsync();
        await sim.ApplyAsync(Manifests.StatefulSet("db", v1, replicas: 3, partition: 0));
        var first = await sim.KubectlAsync("rollout", "status", "statefulset/db", "--timeout=60s");
        first.EnsureSuccess("first rollout");
        Assert.Contains("partitioned roll out complete: 3 new pods have been updated...", first.Stdout, StringComparison.Ordinal);

        await sim.ApplyAsync(Manifests.StatefulSet("db", v2, replicas: 3, partition: 1));
        var status = await sim.KubectlAsync("rollout", "status", "statefulset/db", "--timeout=60s");

        status.EnsureSuccess("kubectl rollout status");
        Assert.Contains("partitioned roll out complete: 2 new pods have been updated...", status.Stdout, StringComparison.Ordinal);
        string ImageOf(string pod) => sim.Cluster.Store.Get(ResourceTypes.Pods, "default", pod)!["spec"]!["containers"]![0]!["image"]!.GetValue<string>();
        Assert.Equal(v1, ImageOf("db-0"));
        Assert.Equal(v2, ImageOf("db-1"));
        Assert.Equal(v2, ImageOf("db-2"));
        var revisions = await sim.JsonPathAsync("sts/db", "{.status.currentRevision} {.status.updateRevision} {.status.updatedReplicas}");
        var parts = revisions.Split(' ');
        Assert.NotEqual(parts[0], parts[1]);
        Assert.Equal("2", parts[2]);
        Assert.Equal(2, sim.Cluster.Store.List(ResourceTypes.ControllerRevisions, "default").Items.Count);
    }

    [Fact]
    public async Task DaemonSet_runs_one_updated_pod_on_every_node()
    {
        var v1 = await TestImages.DigestReferenceAsync("v1");
        var v2 = await TestImages.DigestReferenceAsync("v2");
        await using var sim = await SimulatorSession.StartAsync(SimulatorSession.FastTimings with { NodeCount = 3 });
        await sim.ApplyAsync(Manifests.DaemonSet("agent", v1));
        (await sim.KubectlAsync("rollout", "status", "daemonset/agent", "--timeout=60s")).EnsureSuccess("first rollout");

        await sim.ApplyAsync(Manifests.DaemonSet("agent", v2));
        var status = await sim.KubectlAsync("rollout", "status", "daemonset/agent", "--timeout=60s");

        status.EnsureSuccess("kubectl rollout status");
        Assert.Contains("daemon set \"agent\" successfully rolled out", status.Stdout, StringComparison.Ordinal);
        Assert.Equal("3 3 3", await sim.JsonPathAsync("ds/agent", "{.status.desiredNumberScheduled} {.status.updatedNumberScheduled} {.status.numberAvailable}"));
        var pods = sim.Pods("app", "agent");
        Assert.Equal(["sim-node-0", "sim-node-1", "sim-node-2"], pods.Select(p => p["spec"]!["nodeName"]!.GetValue<string>()).Order().ToArray());
        Assert.All(pods, p => Assert.Equal(v2, p["spec"]!["containers"]![0]!["image"]!.GetValue<string>()));
    }

    [Fact]
    public async Task DeploymentConfig_rollout_goes_to_Complete_with_NewReplicationControllerAvailable()
    {
        var v1 = await TestImages.DigestReferenceAsync("v1");
        var v2 = await TestImages.DigestReferenceAsync("v2");
        await using var sim = await SimulatorSession.StartAsync();
        await sim.ApplyAsync(Manifests.DeploymentConfig("app", v1, replicas: 2));
        BumpLatestVersion(sim);
        await WaitForPhaseAsync(sim, "app-1", "Complete");

        (await sim.KubectlAsync("patch", "dc/app", "--type=json", "-p",
            $$"""[{"op":"replace","path":"/spec/template/spec/containers/0/image","value":"{{v2}}"}]""")).EnsureSuccess("kubectl patch");
        BumpLatestVersion(sim);
        await WaitForPhaseAsync(sim, "app-2", "Complete");
        await sim.WaitForAsync("the DC to report app-2 rolled out", store =>
            store.Get(ResourceTypes.DeploymentConfigs, "default", "app")?["status"]?["conditions"]?.AsArray()
                .FirstOrDefault(c => c?["reason"]?.GetValue<string>() == "NewReplicationControllerAvailable"
                                     && c["message"]!.GetValue<string>().Contains("app-2", StringComparison.Ordinal)));

        Assert.Equal(
            "replication controller \"app-2\" successfully rolled out",
            await sim.JsonPathAsync("dc/app", "{.status.conditions[?(@.type==\"Progressing\")].message}"));
        Assert.Equal("Deployment config has minimum availability.", await sim.JsonPathAsync("dc/app", "{.status.conditions[?(@.type==\"Available\")].message}"));
        await sim.WaitForAsync("app-1 scaled to 0", store =>
            store.Get(ResourceTypes.ReplicationControllers, "default", "app-1") is { } rc1 && rc1["spec"]!["replicas"]!.GetValue<long>() == 0 ? rc1 : null);
        Assert.Equal("2 Complete 2", await sim.JsonPathAsync("rc/app-2",
            "{.spec.replicas} {.metadata.annotations.openshift\\.io/deployment\\.phase} {.metadata.annotations.openshift\\.io/deployment\\.replicas}"));
        Assert.Equal("2 2", await sim.JsonPathAsync("dc/app", "{.status.updatedReplicas} {.status.availableReplicas}"));
        Assert.Equal("app-2-deploy", await sim.JsonPathAsync("rc/app-2", "{.metadata.annotations.openshift\\.io/deployer-pod\\.name}"));
        var events = await sim.KubectlAsync("get", "events", "-o", "jsonpath={range .items[*]}{.source.component} {.reason} {.message}{\"\\n\"}{end}");
        Assert.Contains("deploymentconfig-controller DeploymentCreated Created new replication controller \"app-2\" for version 2", events.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeploymentConfig_whose_pods_never_pull_fails_at_timeoutSeconds()
    {
        await using var sim = await SimulatorSession.StartAsync();
        await sim.ApplyAsync(Manifests.DeploymentConfig("bad", TestImages.Missing, replicas: 1, timeoutSeconds: 2));
        BumpLatestVersion(sim);

        await WaitForPhaseAsync(sim, "bad-1", "Failed");
        await sim.WaitForAsync("ProgressDeadlineExceeded on the DC", store =>
            store.Get(ResourceTypes.DeploymentConfigs, "default", "bad")?["status"]?["conditions"]?.AsArray()
                .FirstOrDefault(c => c?["reason"]?.GetValue<string>() == "ProgressDeadlineExceeded"));

        Assert.Equal(
            "replication controller \"bad-1\" has failed progressing",
            await sim.JsonPathAsync("dc/bad", "{.status.conditions[?(@.type==\"Progressing\")].message}"));
    }

    // The image-change/config-change trigger controller (the openshift area) bumps latestVersion; here the test does
    // what `oc rollout latest` (instantiate) leads to, directly on the status.
    private static void BumpLatestVersion(SimulatorSession sim) =>
        sim.Cluster.Store.Modify(ResourceTypes.DeploymentConfigs, "default", sim.Cluster.Store.List(ResourceTypes.DeploymentConfigs, "default").Items[0]["metadata"]!["name"]!.GetValue<string>(),
            dc =>
            {
                var status = dc["status"] as JsonObject ?? new JsonObject();
                status["latestVersion"] = (status["latestVersion"]?.GetValue<long>() ?? 0) + 1;
                dc["status"] = status;
            },
            WriteScope.Status);

    private static Task<JsonObject> WaitForPhaseAsync(SimulatorSession sim, string rc, string phase) =>
        sim.WaitForAsync($"{rc} in phase {phase}", store =>
            store.Get(ResourceTypes.ReplicationControllers, "default", rc) is { } o
            && o["metadata"]?["annotations"]?["openshift.io/deployment.phase"]?.GetValue<string>() == phase ? o : null);
}
