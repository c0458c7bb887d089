using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Store;
using ImageRoll.IntegrationTests.Infrastructure;

namespace ImageRoll.IntegrationTests.OpenShift;

/// <summary>
/// The simulator's image import and trigger controllers, driven and observed with the real kubectl only (the
/// in-process store is used just to wait for a condition without polling): apply the samples, change the stream
/// tag with kubectl patch, see the template change with kubectl get -o jsonpath.
/// </summary>
public sealed class SimulatorImageControllersKubectlTests
{
    private static string Manifest(string name) => Path.Combine(TestServices.RepoRoot, "samples", "manifests", name);

    private static async Task<(OpenShiftSim Sim, string Image)> SetUpAsync()
    {
        var sim = await OpenShiftSim.StartAsync();
        var image = await TestImages.PushAsync(TestServices.Registry, $"apps/example-{Guid.NewGuid():N}", cancellationToken: TestContext.Current.CancellationToken);
        (await sim.KubectlAsync("apply", "-n", "default", "-f", Manifest("imagestream.yaml"), "-f", Manifest("deployment.yaml"))).EnsureSuccess("kubectl apply");
        return (sim, image);
    }

    private static Task<ToolResult> TagWithKubectlAsync(OpenShiftSim sim, string image, string tag = "latest") =>
        sim.KubectlAsync("patch", "is", "example", "-n", "default", "--type", "merge", "-p",
            new JsonObject
            {
                ["spec"] = new JsonObject
                {
                    ["tags"] = new JsonArray(new JsonObject
                    {
                        ["name"] = tag,
                        ["from"] = new JsonObject { ["kind"] = "DockerImage", ["name"] = image },
                        ["importPolicy"] = new JsonObject { ["insecure"] = true },
                        ["referencePolicy"] = new JsonObject { ["type"] = "Source" },
                    })
                }
            }.ToJsonString());

    private static async Task<string> JsonPathAsync(OpenShiftSim sim, string resource, string jsonPath) =>
        (await sim.KubectlAsync("get", resource, "-n", "default", "-o", $"jsonpath={jsonPath}")).EnsureSuccess($"kubectl get {resource}").Stdout.Trim();

    [Fact]
    public async Task A_tag_set_with_kubectl_is_imported_and_lands_in_the_triggered_template()
    {
        var (sim, image) = await SetUpAsync();
        await using var cluster = sim;
        sim.Cluster.Requests.Clear();
        (await TagWithKubectlAsync(sim, image)).EnsureSuccess("kubectl patch is");
        await sim.WaitForAsync(ResourceTypes.Deployments, "example", d => Workloads.Image(d) == image, "the trigger controller");
        Assert.Equal(image.Split('@')[1], await JsonPathAsync(sim, "is/example", "{.status.tags[0].items[0].image}"));
        Assert.Equal(image, await JsonPathAsync(sim, "deployment/example", "{.spec.template.spec.containers[0].image}"));
        // Only kubectl's patch of the stream came over the API: the Deployment's change is the controller's. It leaves
        // no Event (the real one never uses its recorder).
        Assert.DoesNotContain(sim.Cluster.Requests.ResourceRequests, r => r.Method != "GET" && r.Path.Contains("/deployments", StringComparison.Ordinal));
        var sources = await JsonPathAsync(sim, "events", "{.items[*].source.component}");
        Assert.DoesNotContain("image-trigger-controller", sources, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_manual_edit_of_a_triggered_image_is_put_back()
    {
        var (sim, image) = await SetUpAsync();
        await using var cluster = sim;
        (await TagWithKubectlAsync(sim, image)).EnsureSuccess("kubectl patch is");
        var before = await sim.WaitForAsync(ResourceTypes.Deployments, "example", d => Workloads.Image(d) == image, "the trigger controller");
        (await sim.KubectlAsync("set", "image", "deployment/example", "-n", "default", "web=127.0.0.1:1/manual/edit:v1")).EnsureSuccess("kubectl set image");
        var after = await sim.WaitForAsync(ResourceTypes.Deployments, "example",
            d => Workloads.Image(d) == image && long.Parse((string)d["metadata"]!["resourceVersion"]!) > long.Parse((string)before["metadata"]!["resourceVersion"]!) + 1,
            "the edit to be put back");
        Assert.Equal(image, await JsonPathAsync(sim, "deployment/example", "{.spec.template.spec.containers[0].image}"));
        Assert.True((long)after["metadata"]!["generation"]! >= 3, "the edit and the put-back are two spec changes");
    }

    [Fact]
    public async Task A_missing_image_shows_ImportSuccess_False_with_reason_NotFound()
    {
        var (sim, image) = await SetUpAsync();
        await using var cluster = sim;
        var missing = image[..^8] + "00000000";
        (await TagWithKubectlAsync(sim, missing)).EnsureSuccess("kubectl patch is");
        await sim.WaitForAsync(ResourceTypes.ImageStreams, "example", s => s["status"]?["tags"]?[0]?["conditions"] is JsonArray { Count: > 0 }, "the import condition");
        Assert.Equal("ImportSuccess False NotFound", await JsonPathAsync(sim, "is/example", "{.status.tags[0].conditions[0].type} {.status.tags[0].conditions[0].status} {.status.tags[0].conditions[0].reason}"));
        Assert.Contains("not found", await JsonPathAsync(sim, "is/example", "{.status.tags[0].conditions[0].message}"), StringComparison.Ordinal);
        Assert.Equal(" ", Workloads.Image(sim.Get(ResourceTypes.Deployments, "example")));
    }

    [Fact]
    public async Task Broken_paused_and_unwatched_triggers_are_skipped_silently()
    {
        var (sim, image) = await SetUpAsync();
        await using var cluster = sim;
        var bad = Workloads.WebTrigger.Replace("\"paused\":false", "\"paused\":\"false\"", StringComparison.Ordinal);
        var paused = Workloads.WebTrigger.Replace("\"paused\":false", "\"paused\":true", StringComparison.Ordinal);
        var quotes = Workloads.WebTrigger.Replace("==\\\"web\\\"", "=='web'", StringComparison.Ordinal);
        foreach (var (name, annotation) in new[] { ("bad-json", bad), ("paused", paused), ("quotes", quotes) })
        {
            var d = Workloads.Deployment(name, annotation);
            (await ApplyAsync(sim, d)).EnsureSuccess("kubectl apply");
        }

        var job = Workloads.Deployment("job", Workloads.WebTrigger);
        job["apiVersion"] = "batch/v1";
        job["kind"] = "Job";
        ((JsonObject)job["spec"]!).Remove("replicas");
        ((JsonObject)job["spec"]!).Remove("selector");
        job["spec"]!["template"]!["spec"]!["restartPolicy"] = "Never";
        (await ApplyAsync(sim, job)).EnsureSuccess("kubectl apply job");

        (await TagWithKubectlAsync(sim, image)).EnsureSuccess("kubectl patch is");
        await sim.WaitForAsync(ResourceTypes.Deployments, "example", d => Workloads.Image(d) == image, "the witness deployment");
        foreach (var name in new[] { "bad-json", "paused", "quotes" })
        {
            Assert.Equal(string.Empty, await JsonPathAsync(sim, $"deployment/{name}", "{.spec.template.spec.containers[0].image}"));
        }

        Assert.Equal(" ", Workloads.Image(sim.Get(ResourceTypes.Jobs, "job")));
    }

    [Fact]
    public async Task A_DeploymentConfig_with_an_automatic_trigger_rolls_out_when_the_tag_moves()
    {
        var (sim, image) = await SetUpAsync();
        await using var cluster = sim;
        (await sim.KubectlAsync("apply", "-n", "default", "-f", Manifest("deploymentconfig.yaml"))).EnsureSuccess("kubectl apply dc");
        Assert.Contains(await JsonPathAsync(sim, "dc/example-dc", "{.status.latestVersion}"), new[] { string.Empty, "0" });
        (await TagWithKubectlAsync(sim, image)).EnsureSuccess("kubectl patch is");
        await sim.WaitForAsync(ResourceTypes.DeploymentConfigs, "example-dc", d => (long?)d["status"]?["latestVersion"] >= 1, "the first rollout");
        Assert.Equal(image, await JsonPathAsync(sim, "dc/example-dc", "{.spec.template.spec.containers[0].image}"));
        Assert.Equal(image, await JsonPathAsync(sim, "dc/example-dc", "{.spec.triggers[1].imageChangeParams.lastTriggeredImage}"));
        // deploymentconfig_controller.go triggerActivated records the FIRST version as a config change (its TODO says so).
        Assert.Equal("config change", await JsonPathAsync(sim, "dc/example-dc", "{.status.details.message}"));
    }

    [Fact]
    public async Task A_config_change_rolls_a_DeploymentConfig_out_again_and_a_paused_one_never()
    {
        var (sim, image) = await SetUpAsync();
        await using var cluster = sim;
        (await sim.KubectlAsync("apply", "-n", "default", "-f", Manifest("deploymentconfig.yaml"))).EnsureSuccess("kubectl apply dc");
        (await TagWithKubectlAsync(sim, image)).EnsureSuccess("kubectl patch is");
        await sim.WaitForAsync(ResourceTypes.ReplicationControllers, "example-dc-1",
            rc => (string?)rc["metadata"]?["annotations"]?["openshift.io/deployment.phase"] == "Complete", "the first rollout to complete", 40);
        (await sim.KubectlAsync("patch", "dc/example-dc", "-n", "default", "--type", "json", "-p",
            """[{"op":"add","path":"/spec/template/spec/containers/0/env","value":[{"name":"GREETING","value":"hello"}]}]""")).EnsureSuccess("kubectl patch env");
        await sim.WaitForAsync(ResourceTypes.DeploymentConfigs, "example-dc", d => (long?)d["status"]?["latestVersion"] >= 2, "the config-change rollout");
        Assert.Equal("2 config change ConfigChange", await JsonPathAsync(sim, "dc/example-dc", "{.status.latestVersion} {.status.details.message} {.status.details.causes[0].type}"));

        (await sim.KubectlAsync("patch", "dc/example-dc", "-n", "default", "--type", "merge", "-p", "{\"spec\":{\"paused\":true}}")).EnsureSuccess("kubectl pause");
        (await sim.KubectlAsync("patch", "dc/example-dc", "-n", "default", "--type", "json", "-p",
            """[{"op":"replace","path":"/spec/template/spec/containers/0/env/0/value","value":"bye"}]""")).EnsureSuccess("kubectl patch env");
        var other = Workloads.Deployment("witness");
        (await ApplyAsync(sim, other)).EnsureSuccess("kubectl apply witness");
        var next = await TestImages.PushAsync(TestServices.Registry, $"apps/example-{Guid.NewGuid():N}", cancellationToken: TestContext.Current.CancellationToken);
        (await TagWithKubectlAsync(sim, next)).EnsureSuccess("kubectl patch is");
        await sim.WaitForAsync(ResourceTypes.DeploymentConfigs, "example-dc", d => Workloads.Image(d) == next, "the reactor to update the paused DC's template");
        await sim.WaitForAsync(ResourceTypes.Deployments, "witness", d => Workloads.Image(d) == next, "the witness");
        Assert.Equal("2", await JsonPathAsync(sim, "dc/example-dc", "{.status.latestVersion}"));
    }

    [Fact]
    public async Task CronJobs_and_DaemonSets_are_watched_kinds()
    {
        var (sim, image) = await SetUpAsync();
        await using var cluster = sim;
        (await sim.KubectlAsync("apply", "-n", "default", "-f", Manifest("daemonset.yaml"))).EnsureSuccess("kubectl apply ds");
        var cron = new JsonObject
        {
            ["apiVersion"] = "batch/v1",
            ["kind"] = "CronJob",
            ["metadata"] = new JsonObject
            {
                ["name"] = "nightly",
                ["annotations"] = new JsonObject { ["image.openshift.io/triggers"] = "[{\"from\":{\"kind\":\"ImageStreamTag\",\"name\":\"example:latest\"},\"fieldPath\":\"spec.jobTemplate.spec.template.spec.containers[?(@.name==\\\"web\\\")].image\"}]" },
            },
            ["spec"] = new JsonObject
            {
                ["schedule"] = "0 3 * * *",
                ["jobTemplate"] = new JsonObject
                {
                    ["spec"] = new JsonObject
                    {
                        ["template"] = new JsonObject
                        {
                            ["spec"] = new JsonObject
                            {
                                ["restartPolicy"] = "Never",
                                ["containers"] = new JsonArray(new JsonObject { ["name"] = "web", ["image"] = " " }),
                            }
                        }
                    }
                },
            },
        };
        (await ApplyAsync(sim, cron)).EnsureSuccess("kubectl apply cronjob");
        (await TagWithKubectlAsync(sim, image)).EnsureSuccess("kubectl patch is");
        await sim.WaitForAsync(ResourceTypes.CronJobs, "nightly", c => Workloads.Image(c, podSpec: "spec.jobTemplate.spec.template.spec") == image, "the CronJob's trigger");
        await sim.WaitForAsync(ResourceTypes.DaemonSets, "example-agent", d => Workloads.Image(d) == image, "the DaemonSet's trigger");
        Assert.Equal(image, await JsonPathAsync(sim, "cronjob/nightly", "{.spec.jobTemplate.spec.template.spec.containers[0].image}"));
        Assert.Equal(image, await JsonPathAsync(sim, "daemonset/example-agent", "{.spec.template.spec.containers[0].image}"));
    }

    private static Task<ToolResult> ApplyAsync(OpenShiftSim sim, JsonObject obj) =>
        ExternalTool.RunAsync("kubectl", ["apply", "-n", "default", "-f", "-", "--kubeconfig", sim.Kubeconfig, "--cache-dir", Path.Combine(Path.GetDirectoryName(sim.Kubeconfig)!, "kubectl-cache")],
            environment: new Dictionary<string, string> { ["HOME"] = Path.GetDirectoryName(sim.Kubeconfig)! }, stdin: obj.ToJsonString(), cancellationToken: TestContext.Current.CancellationToken);
}
