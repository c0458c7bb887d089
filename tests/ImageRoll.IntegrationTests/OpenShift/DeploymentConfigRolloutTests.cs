using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Store;
using ImageRoll.IntegrationTests.Infrastructure;

namespace ImageRoll.IntegrationTests.OpenShift;

/// <summary>DeploymentConfigs (docs/openshift.md, "DeploymentConfig ImageChange triggers"): the automatic ImageChange trigger, a manual rollout, paused DCs.</summary>
public sealed class DeploymentConfigRolloutTests
{
    private static async Task<(OpenShiftSim Sim, string Value)> SetUpAsync(params string[] disabled)
    {
        var sim = await OpenShiftSim.StartAsync(disabled);
        var image = await TestImages.PushAsync(TestServices.Registry, $"apps/example-{Guid.NewGuid():N}", cancellationToken: TestContext.Current.CancellationToken);
        return (sim, await Workloads.TagAsync(sim, image));
    }

    [Fact]
    public async Task An_automatic_ImageChange_trigger_sets_the_image_and_rolls_out_an_image_change()
    {
        var (sim, value) = await SetUpAsync();
        await using var cluster = sim;
        Workloads.Put(sim, ResourceTypes.DeploymentConfigs, Workloads.DeploymentConfig("example-dc", automatic: true, configChange: true));
        var (code, stdout, stderr) = await sim.ImageRollAsync("rollout", "dc/example-dc", "--from", "example:latest", "--trigger", "wait", "--no-wait", "-o", "json");
        Assert.True(code == 0, stderr);
        var dc = await sim.WaitForAsync(ResourceTypes.DeploymentConfigs, "example-dc", d => (long?)d["status"]?["latestVersion"] >= 1, "latestVersion 1");
        Assert.Equal(value, Workloads.Image(dc));
        Assert.Equal(value, (string?)dc["spec"]!["triggers"]![1]!["imageChangeParams"]!["lastTriggeredImage"]);
        // The first version is recorded as a config change (deploymentconfig_controller.go triggerActivated, initial rollout).
        Assert.Equal("config change", (string?)dc["status"]!["details"]!["message"]);
        Assert.Equal("ConfigChange", (string?)dc["status"]!["details"]!["causes"]![0]!["type"]);
        // The reactor may have acted before ImageRoll looked: either way the controller made the change.
        Assert.Contains((string?)JsonNode.Parse(stdout)!["workloads"]![0]!["action"], new[] { "ControllerUpdated", "AlreadyCurrent" });
        Assert.DoesNotContain(sim.Cluster.Requests.ResourceRequests, r => r.Method is "PUT" or "PATCH" && r.Path.Contains("deploymentconfigs", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_non_automatic_ImageChange_trigger_lets_the_DC_controller_roll_each_change_once_without_instantiate()
    {
        // openshift-controller-manager deploymentconfig_controller.go triggerActivated/hasUpdatedImages: with ANY
        // ImageChange trigger the controller starts a version when a container image is not among the latest RC's;
        // instantiating as well would start a second one (or get a 404 for the RC not made yet).
        var (sim, v1) = await SetUpAsync();
        await using var cluster = sim;
        Workloads.Put(sim, ResourceTypes.DeploymentConfigs, Workloads.DeploymentConfig("manual-dc", automatic: false, configChange: false));
        var (code, _, stderr) = await sim.ImageRollAsync("rollout", "dc/manual-dc", "--from", "example:latest", "--trigger", "wait", "--no-wait");
        Assert.Equal(2, code);
        Assert.Contains("IR3405", stderr, StringComparison.Ordinal);

        (code, _, stderr) = await sim.ImageRollAsync("rollout", "dc/manual-dc", "--from", "example:latest", "--trigger", "patch", "--timeout", "60s");
        Assert.True(code == 0, stderr);
        Assert.Equal((1L, v1), Version(sim, "manual-dc"));

        var v2 = await TestImages.PushAsync(TestServices.Registry, $"apps/example-{Guid.NewGuid():N}", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(0, (await sim.ImageRollAsync("tag", v2, "example:latest", "--timeout", "30s")).ExitCode);
        (code, _, stderr) = await sim.ImageRollAsync("rollout", "dc/manual-dc", "--from", "example:latest", "--trigger", "patch", "--timeout", "60s");
        Assert.True(code == 0, stderr);
        Assert.Equal((2L, v2), Version(sim, "manual-dc"));
        Assert.Equal("image change", (string?)sim.Get(ResourceTypes.DeploymentConfigs, "manual-dc")["status"]!["details"]!["message"]);

        // A failing version rolled back: the restored template alone makes the controller start the next version.
        var missing = v2[..v2.IndexOf('@', StringComparison.Ordinal)] + "@sha256:" + new string('0', 64);
        (code, _, stderr) = await sim.ImageRollAsync("rollout", "dc/manual-dc", "--image", missing, "--rollback-on-failure", "--grace-period", "2s", "--timeout", "60s");
        Assert.Equal(4, code);
        Assert.Contains("error IR4002: ", stderr, StringComparison.Ordinal);
        Assert.Contains("rolled back to manual-dc-2", stderr, StringComparison.Ordinal);
        Assert.Equal((4L, v2), Version(sim, "manual-dc"));
        Assert.DoesNotContain(sim.Cluster.Requests.ResourceRequests, r => r.Path.EndsWith("/instantiate", StringComparison.Ordinal));
        Assert.Null(sim.Store.Get(ResourceTypes.ReplicationControllers, "default", "manual-dc-5"));
    }

    [Fact]
    public async Task A_new_rollout_of_a_DC_without_triggers_is_refused_while_its_latest_version_runs_IR3407()
    {
        // oc pkg/cli/rollout/latest.go: "#N is already in progress (Running)."
        var (sim, value) = await SetUpAsync();
        await using var cluster = sim;
        var missing = value[..value.IndexOf('@', StringComparison.Ordinal)] + "@sha256:" + new string('0', 64);
        Workloads.Put(sim, ResourceTypes.DeploymentConfigs, Workloads.DeploymentConfig("plain-dc", automatic: false, configChange: false, trigger: false));
        Assert.Equal(0, (await sim.ImageRollAsync("rollout", "dc/plain-dc", "--image", missing, "--no-wait")).ExitCode);
        await sim.WaitForAsync(ResourceTypes.ReplicationControllers, "plain-dc-1", rc => (string?)rc["metadata"]!["annotations"]?["openshift.io/deployment.phase"] == "Running", "version 1 running");
        sim.Cluster.Requests.Clear();

        var (code, _, stderr) = await sim.ImageRollAsync("rollout", "dc/plain-dc", "--image", value, "--no-wait");

        Assert.Equal(2, code);
        Assert.Contains("error IR3407: ", stderr, StringComparison.Ordinal);
        Assert.Contains("#1 is already in progress (Running)", stderr, StringComparison.Ordinal);
        Assert.Contains("hint: ", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(sim.Cluster.Requests.ResourceRequests, r => r.Method != "GET");
        Assert.Equal((1L, missing), Version(sim, "plain-dc"));
    }

    [Fact]
    public async Task Instantiate_reads_the_latest_RC_first_and_leaves_a_trigger_at_its_lastTriggeredImage_alone()
    {
        // openshift-apiserver instantiate/rest.go: decodeFromLatestDeployment before the force check; processTriggers
        // skips a trigger whose tag resolves to its lastTriggeredImage.
        var (sim, value) = await SetUpAsync("deploymentconfig", "deploymentconfig-image-trigger");
        await using var cluster = sim;
        var dc = Workloads.DeploymentConfig("example-dc", automatic: true, configChange: false);
        dc["spec"]!["triggers"]![0]!["imageChangeParams"]!["lastTriggeredImage"] = value;
        dc["spec"]!["template"]!["spec"]!["containers"]![0]!["image"] = "127.0.0.1:1/other/image:v0";
        Workloads.Put(sim, ResourceTypes.DeploymentConfigs, dc);
        await sim.WaitForAsync(ResourceTypes.DeploymentConfigs, "example-dc", d => (long?)d["status"]?["latestVersion"] == 1, "the controller's first version");

        using var http = sim.Cluster.CreateHttpClient(sim.Cluster.AdminToken);
        var url = $"{sim.Cluster.BaseUrl}/apis/apps.openshift.io/v1/namespaces/default/deploymentconfigs/example-dc/instantiate";
        var request = """{"kind":"DeploymentRequest","apiVersion":"apps.openshift.io/v1","name":"example-dc","latest":true,"force":true}""";
        using (var response = await http.PostAsync(url, new StringContent(request, System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken))
        {
            Assert.Equal(404, (int)response.StatusCode);
            Assert.Equal("replicationcontrollers \"example-dc-1\" not found", await MessageAsync(response));
        }

        var rc = JsonNode.Parse("""
            {"metadata":{"name":"example-dc-1","annotations":{"openshift.io/deployment.phase":"Complete"}},
             "spec":{"replicas":0,"selector":{"app":"x"},"template":{"metadata":{"labels":{"app":"x"}},"spec":{"containers":[{"name":"web","image":"127.0.0.1:1/other/image:v0"}]}}}}
            """)!.AsObject();
        rc["metadata"]!["annotations"]!["openshift.io/encoded-deployment-config"] = sim.Get(ResourceTypes.DeploymentConfigs, "example-dc").ToJsonString();
        sim.Store.Create(ResourceTypes.ReplicationControllers, "default", rc);
        using (var response = await http.PostAsync(url, new StringContent(request, System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken))
        {
            Assert.Equal(201, (int)response.StatusCode);
        }

        var after = sim.Get(ResourceTypes.DeploymentConfigs, "example-dc");
        Assert.Equal(2, (long?)after["status"]!["latestVersion"]);
        Assert.Equal("127.0.0.1:1/other/image:v0", Workloads.Image(after));
    }

    [Fact]
    public async Task A_DC_without_any_trigger_gets_the_image_and_a_rollout_in_patch_mode()
    {
        var (sim, value) = await SetUpAsync();
        await using var cluster = sim;
        Workloads.Put(sim, ResourceTypes.DeploymentConfigs, Workloads.DeploymentConfig("plain-dc", automatic: false, configChange: false, trigger: false));
        var (code, _, stderr) = await sim.ImageRollAsync("rollout", "dc/plain-dc", "--from", "example:latest", "--trigger", "patch", "--no-wait");
        Assert.True(code == 0, stderr);
        var dc = sim.Get(ResourceTypes.DeploymentConfigs, "plain-dc");
        Assert.Equal(value, Workloads.Image(dc));
        Assert.Equal(1, (long?)dc["status"]!["latestVersion"]);
    }

    [Fact]
    public async Task A_paused_DC_is_refused_and_never_rolls_out()
    {
        var (sim, value) = await SetUpAsync();
        await using var cluster = sim;
        Workloads.Put(sim, ResourceTypes.DeploymentConfigs, Workloads.DeploymentConfig("paused-dc", automatic: true, configChange: true, paused: true));
        var (code, _, stderr) = await sim.ImageRollAsync("rollout", "dc/paused-dc", "--from", "example:latest", "--no-wait");
        Assert.Equal(2, code);
        Assert.Contains("IR3404", stderr, StringComparison.Ordinal);

        // The reactor still updates a paused DC's template (it does not look at spec.paused); no rollout happens.
        var dc = await sim.WaitForAsync(ResourceTypes.DeploymentConfigs, "paused-dc", d => Workloads.Image(d) == value, "the reactor's update");
        Assert.Equal(0, (long?)dc["status"]?["latestVersion"] ?? 0);
        var failed = await sim.ImageRollAsync("rollout", "dc/paused-dc", "--from", "example:latest", "--trigger", "patch", "--ignore-paused", "--no-wait");
        Assert.Equal(0, failed.ExitCode);
        Assert.Equal(0, (long?)sim.Get(ResourceTypes.DeploymentConfigs, "paused-dc")["status"]?["latestVersion"] ?? 0);
    }

    [Fact]
    public async Task Instantiate_of_a_paused_DC_is_invalid()
    {
        var (sim, _) = await SetUpAsync();
        await using var cluster = sim;
        Workloads.Put(sim, ResourceTypes.DeploymentConfigs, Workloads.DeploymentConfig("paused-dc", automatic: false, configChange: false, paused: true));
        using var http = sim.Cluster.CreateHttpClient(sim.Cluster.AdminToken);
        using var response = await http.PostAsync($"{sim.Cluster.BaseUrl}/apis/apps.openshift.io/v1/namespaces/default/deploymentconfigs/paused-dc/instantiate",
            new StringContent("""{"kind":"DeploymentRequest","apiVersion":"apps.openshift.io/v1","name":"paused-dc","latest":true,"force":true}""", System.Text.Encoding.UTF8, "application/json"),
            TestContext.Current.CancellationToken);
        Assert.Equal(422, (int)response.StatusCode);
        Assert.Equal("DeploymentRequest.apps.openshift.io \"paused-dc\" is invalid: spec.paused: Invalid value: true: deployment config \"paused-dc\" is paused - unpause to request a new deployment",
            await MessageAsync(response));
    }

    private static async Task<string?> MessageAsync(HttpResponseMessage response) =>
        (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!["message"];

    private static (long Version, string? Image) Version(OpenShiftSim sim, string name)
    {
        var dc = sim.Get(ResourceTypes.DeploymentConfigs, name);
        return ((long?)dc["status"]?["latestVersion"] ?? 0, Workloads.Image(dc));
    }
}
