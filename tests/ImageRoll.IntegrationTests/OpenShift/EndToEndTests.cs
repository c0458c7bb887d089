using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Store;
using ImageRoll.IntegrationTests.Infrastructure;

namespace ImageRoll.IntegrationTests.OpenShift;

/// <summary>
/// The whole flow on the simulator with the real registry: push, `imageroll tag`, `imageroll rollout` (trigger step,
/// then following the rollout to completion), for deployment `example` and for DeploymentConfigs.
/// </summary>
public sealed class EndToEndTests
{
    private static async Task<(OpenShiftSim Sim, string Image)> PushAndTagAsync(params string[] disabled)
    {
        var sim = await OpenShiftSim.StartAsync(disabled);
        var image = await TestImages.PushAsync(TestServices.Registry, $"apps/example-{Guid.NewGuid():N}", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(image, await Workloads.TagAsync(sim, image));
        return (sim, image);
    }

    [Fact]
    public async Task Push_tag_and_wait_mode_roll_deployment_example_out_with_the_digest()
    {
        var (sim, image) = await PushAndTagAsync();
        await using var cluster = sim;
        Workloads.Put(sim, ResourceTypes.Deployments, Workloads.Deployment());
        var (code, stdout, stderr) = await sim.ImageRollAsync("rollout", "deployment/example", "--from", "example:latest", "--trigger", "wait", "--timeout", "60s", "-o", "json");
        Assert.True(code == 0, stderr);
        Assert.Equal(image, Workloads.Image(sim.Get(ResourceTypes.Deployments, "example")));
        Assert.Contains("successfully rolled out", stderr + stdout, StringComparison.Ordinal);
        Assert.NotNull(JsonNode.Parse(stdout)!["rollout"]);
    }

    [Fact]
    public async Task Patch_mode_with_the_trigger_controller_off_rolls_out_too()
    {
        var (sim, image) = await PushAndTagAsync("image-trigger");
        await using var cluster = sim;
        Workloads.Put(sim, ResourceTypes.Deployments, Workloads.Deployment());
        var (code, stdout, stderr) = await sim.ImageRollAsync("rollout", "deployment/example", "--from", "example:latest", "--trigger", "patch", "--timeout", "60s");
        Assert.True(code == 0, stderr);
        Assert.Equal(image, Workloads.Image(sim.Get(ResourceTypes.Deployments, "example")));
        Assert.Contains("successfully rolled out", stderr + stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task DeploymentConfigs_with_and_without_an_automatic_trigger_roll_out(bool automatic)
    {
        var (sim, image) = await PushAndTagAsync();
        await using var cluster = sim;
        Workloads.Put(sim, ResourceTypes.DeploymentConfigs, Workloads.DeploymentConfig("example-dc", automatic, configChange: automatic));
        var mode = automatic ? "wait" : "patch";
        var (code, stdout, stderr) = await sim.ImageRollAsync("rollout", "dc/example-dc", "--from", "example:latest", "--trigger", mode, "--timeout", "60s");
        Assert.True(code == 0, stderr);
        var dc = sim.Get(ResourceTypes.DeploymentConfigs, "example-dc");
        Assert.Equal(image, Workloads.Image(dc));
        Assert.Equal(1, (long?)dc["status"]!["latestVersion"]);
        var rc = sim.Get(ResourceTypes.ReplicationControllers, "example-dc-1");
        Assert.Equal("Complete", (string?)rc["metadata"]!["annotations"]!["openshift.io/deployment.phase"]);
        Assert.Equal(image, (string?)rc["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]);
    }
}
