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
        Assert.Equal("image change", (string?)dc["status"]!["details"]!["message"]);
        var cause = dc["status"]!["details"]!["causes"]![0]!;
        Assert.Equal(("ImageChange", "DockerImage", value), ((string?)cause["type"], (string?)cause["imageTrigger"]!["from"]!["kind"], (string?)cause["imageTrigger"]!["from"]!["name"]));
        // The reactor may have acted before ImageRoll looked: either way the controller made the change.
        Assert.Contains((string?)JsonNode.Parse(stdout)!["workloads"]![0]!["action"], new[] { "ControllerUpdated", "AlreadyCurrent" });
        Assert.DoesNotContain(sim.Cluster.Requests.ResourceRequests, r => r.Method is "PUT" or "PATCH" && r.Path.Contains("deploymentconfigs", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_an_automatic_trigger_patch_mode_sets_the_image_and_instantiates_like_oc_rollout_latest()
    {
        var (sim, value) = await SetUpAsync();
        await using var cluster = sim;
        Workloads.Put(sim, ResourceTypes.DeploymentConfigs, Workloads.DeploymentConfig("manual-dc", automatic: false, configChange: false));
        var (code, _, stderr) = await sim.ImageRollAsync("rollout", "dc/manual-dc", "--from", "example:latest", "--trigger", "wait", "--no-wait");
        Assert.Equal(2, code);
        Assert.Contains("IR3405", stderr, StringComparison.Ordinal);

        (code, _, stderr) = await sim.ImageRollAsync("rollout", "dc/manual-dc", "--from", "example:latest", "--trigger", "patch", "--no-wait");
        Assert.True(code == 0, stderr);
        var post = Assert.Single(sim.Cluster.Requests.ResourceRequests, r => r.Method == "POST" && r.Path.EndsWith("/instantiate", StringComparison.Ordinal));
        Assert.Equal("/apis/apps.openshift.io/v1/namespaces/default/deploymentconfigs/manual-dc/instantiate", post.Path);
        var body = JsonNode.Parse(post.Body)!;
        Assert.Equal(("DeploymentRequest", "apps.openshift.io/v1", "manual-dc", true, true),
            ((string?)body["kind"], (string?)body["apiVersion"], (string?)body["name"], (bool)body["latest"]!, (bool)body["force"]!));
        var dc = sim.Get(ResourceTypes.DeploymentConfigs, "manual-dc");
        Assert.Equal(value, Workloads.Image(dc));
        Assert.Equal(1, (long?)dc["status"]!["latestVersion"]);
        Assert.Equal("Manual", (string?)dc["status"]!["details"]!["causes"]![0]!["type"]);
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
        Assert.Contains("can't instantiate a paused deployment config", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
