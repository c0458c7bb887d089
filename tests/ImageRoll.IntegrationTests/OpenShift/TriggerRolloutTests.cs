using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Store;
using ImageRoll.IntegrationTests.Infrastructure;

namespace ImageRoll.IntegrationTests.OpenShift;

/// <summary>`imageroll rollout --from STREAM:TAG --trigger wait|patch` against the simulator and the real registry (docs/openshift.md, "Triggers").</summary>
public sealed class TriggerRolloutTests
{
    private static async Task<(OpenShiftSim Sim, string Value)> SetUpAsync(params string[] disabled)
    {
        var sim = await OpenShiftSim.StartAsync(disabled);
        var image = await TestImages.PushAsync(TestServices.Registry, $"apps/example-{Guid.NewGuid():N}", cancellationToken: TestContext.Current.CancellationToken);
        var value = await Workloads.TagAsync(sim, image);
        Assert.Equal(image, value);
        return (sim, value);
    }

    [Fact]
    public async Task Wait_mode_ends_with_the_digest_pull_spec_in_deployment_example()
    {
        var (sim, value) = await SetUpAsync();
        await using var cluster = sim;
        Workloads.Put(sim, ResourceTypes.Deployments, Workloads.Deployment());
        var (code, stdout, stderr) = await sim.ImageRollAsync("rollout", "deployment/example", "--from", "example:latest", "--trigger", "wait", "--no-wait", "--trigger-grace", "20s");
        Assert.True(code == 0, stderr);
        Assert.Equal(value, Workloads.Image(sim.Get(ResourceTypes.Deployments, "example")));
        Assert.Contains("deployment/example", stdout, StringComparison.Ordinal);
        // The controller did it: ImageRoll wrote nothing to the Deployment (the request log has every API call), yet
        // its template changed. The real trigger controller records no Event (openshift-controller-manager
        // pkg/image/controller/trigger/image_trigger_controller.go never uses its recorder), and neither may the simulator.
        Assert.DoesNotContain(sim.Cluster.Requests.ResourceRequests, r => r.Method is "PATCH" or "PUT" or "POST" && r.Path.Contains("/deployments", StringComparison.Ordinal));
        Assert.True((long)sim.Get(ResourceTypes.Deployments, "example")["metadata"]!["generation"]! >= 2, "the controller's write is a spec change");
        var events = sim.Store.List(ResourceTypes.Events, "default").Items;
        Assert.DoesNotContain(events, e => (string?)e["source"]?["component"] == "image-trigger-controller");
    }

    [Fact]
    public async Task A_reference_tag_is_never_imported_and_the_trigger_writes_its_source_verbatim()
    {
        // openshift-controller-manager imagestream_controller.go tagImportable skips `reference: true`; the API server
        // (imagestream strategy.go tagsChanged/tagReferenceToTagEvent) records from.name as items[0] itself.
        await using var sim = await OpenShiftSim.StartAsync();
        var source = $"{TestServices.Registry}/apps/never-pushed-{Guid.NewGuid():N}:v1";
        sim.Create(ResourceTypes.ImageStreams, $$$"""{"metadata":{"name":"example"},"spec":{"tags":[{"name":"latest","reference":true,"from":{"kind":"DockerImage","name":"{{{source}}}"}}]}}""");
        Workloads.Put(sim, ResourceTypes.Deployments, Workloads.Deployment());

        var (code, _, stderr) = await sim.ImageRollAsync("rollout", "deployment/example", "--from", "example:latest", "--trigger", "wait", "--no-wait", "--trigger-grace", "20s");

        Assert.True(code == 0, stderr);
        Assert.Equal(source, Workloads.Image(sim.Get(ResourceTypes.Deployments, "example")));
        var status = sim.Get(ResourceTypes.ImageStreams, "example")["status"]!["tags"]!.AsArray().Single()!;
        Assert.Null(status["conditions"]);
        Assert.Equal((source, ""), ((string?)status["items"]![0]!["dockerImageReference"], (string?)status["items"]![0]!["image"]));
    }

    [Fact]
    public async Task A_name_selector_on_the_containers_list_drives_an_init_container_as_the_controller_does()
    {
        // library-go referencemutator/pods.go GetContainerByName searches initContainers too, whatever list the path names.
        var (sim, value) = await SetUpAsync();
        await using var cluster = sim;
        var trigger = """[{"from":{"kind":"ImageStreamTag","name":"example:latest"},"fieldPath":"spec.template.spec.containers[?(@.name==\"migrate\")].image"}]""";
        var d = Workloads.Deployment("example", trigger, "web");
        d["spec"]!["template"]!["spec"]!["initContainers"] = new JsonArray(new JsonObject { ["name"] = "migrate", ["image"] = " " });
        Workloads.Put(sim, ResourceTypes.Deployments, d);

        var (code, _, stderr) = await sim.ImageRollAsync("rollout", "deployment/example", "--from", "example:latest", "--trigger", "wait", "--no-wait", "--trigger-grace", "20s");

        Assert.True(code == 0, stderr);
        var spec = sim.Get(ResourceTypes.Deployments, "example")["spec"]!["template"]!["spec"]!;
        Assert.Equal(value, (string?)spec["initContainers"]![0]!["image"]);
        Assert.Equal(" ", (string?)spec["containers"]![0]!["image"]);
    }

    [Fact]
    public async Task A_trigger_with_another_from_kind_applies_when_the_workload_changes_but_never_on_tag_moves()
    {
        // library-go annotations.go UpdateObjectFromImages ignores from.kind; openshift-controller-manager
        // trigger/cache.go indexes only ImageStreamTag triggers under their stream.
        var (sim, v1) = await SetUpAsync();
        await using var cluster = sim;
        var dockerImageKind = """[{"from":{"kind":"DockerImage","name":"example:latest"},"fieldPath":"spec.template.spec.containers[?(@.name==\"web\")].image"}]""";
        Workloads.Put(sim, ResourceTypes.Deployments, Workloads.Deployment("example", dockerImageKind));
        Workloads.Put(sim, ResourceTypes.Deployments, Workloads.Deployment("sentinel"));
        await sim.WaitForAsync(ResourceTypes.Deployments, "example", d => Workloads.Image(d) == v1, "the controller to apply the trigger on creation");

        var v2 = await TestImages.PushAsync(TestServices.Registry, $"apps/example-{Guid.NewGuid():N}", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(0, (await sim.ImageRollAsync("tag", v2, "example:latest", "--timeout", "30s")).ExitCode);
        await sim.WaitForAsync(ResourceTypes.Deployments, "sentinel", d => Workloads.Image(d) == v2, "the controller to act on the tag move");
        Assert.Equal(v1, Workloads.Image(sim.Get(ResourceTypes.Deployments, "example")));

        var (code, _, stderr) = await sim.ImageRollAsync("rollout", "deployment/example", "--from", "example:latest", "--trigger", "wait", "--no-wait");
        Assert.Equal(2, code);
        Assert.Contains("error IR3315: deployment/example's trigger #0", stderr, StringComparison.Ordinal);
        Assert.Contains("never when the tag moves", stderr, StringComparison.Ordinal);

        (code, _, stderr) = await sim.ImageRollAsync("rollout", "deployment/example", "--from", "example:latest", "--trigger", "patch", "--no-wait");
        Assert.True(code == 0, stderr);
        Assert.Equal(v2, Workloads.Image(sim.Get(ResourceTypes.Deployments, "example")));
    }

    [Fact]
    public async Task Patch_mode_with_the_controller_off_changes_only_container_web()
    {
        var (sim, value) = await SetUpAsync("image-trigger");
        await using var cluster = sim;
        var created = Workloads.Put(sim, ResourceTypes.Deployments, Workloads.Deployment("example", Workloads.WebTrigger, "sidecar", "web"));
        var (code, _, stderr) = await sim.ImageRollAsync("rollout", "deployment/example", "--from", "example:latest", "--trigger", "patch", "--no-wait");
        Assert.True(code == 0, stderr);
        var d = sim.Get(ResourceTypes.Deployments, "example");
        Assert.Equal(value, Workloads.Image(d));
        Assert.Equal(" ", Workloads.Image(d, "sidecar"));
        Assert.Equal(["sidecar", "web"], d["spec"]!["template"]!["spec"]!["containers"]!.AsArray().Select(c => (string)c!["name"]!).ToArray());
        var patch = Assert.Single(sim.Cluster.Requests.ResourceRequests, r => r.Method == "PATCH");
        Assert.StartsWith("application/strategic-merge-patch+json", patch.ContentType, StringComparison.Ordinal);
        Assert.Equal("""{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"VALUE"}]}}}}""".Replace("VALUE", value, StringComparison.Ordinal), patch.Body);
        Assert.NotEqual((string?)created["metadata"]!["resourceVersion"], (string?)d["metadata"]!["resourceVersion"]);
    }

    [Fact]
    public async Task Patch_mode_uses_a_json_patch_for_an_index_selector()
    {
        var (sim, value) = await SetUpAsync("image-trigger");
        await using var cluster = sim;
        var trigger = """[{"from":{"kind":"ImageStreamTag","name":"example:latest"},"fieldPath":"spec.template.spec.containers[1].image"}]""";
        Workloads.Put(sim, ResourceTypes.Deployments, Workloads.Deployment("example", trigger, "sidecar", "web"));
        var (code, _, stderr) = await sim.ImageRollAsync("rollout", "deployment/example", "--from", "example:latest", "--trigger", "patch", "--no-wait");
        Assert.True(code == 0, stderr);
        Assert.Equal(value, Workloads.Image(sim.Get(ResourceTypes.Deployments, "example")));
        var patch = Assert.Single(sim.Cluster.Requests.ResourceRequests, r => r.Method == "PATCH");
        Assert.StartsWith("application/json-patch+json", patch.ContentType, StringComparison.Ordinal);
        Assert.Contains("\"op\":\"test\",\"path\":\"/spec/template/spec/containers/1/name\",\"value\":\"web\"", patch.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wait_mode_without_a_trigger_controller_names_the_likely_cause()
    {
        var (sim, _) = await SetUpAsync("image-trigger");
        await using var cluster = sim;
        Workloads.Put(sim, ResourceTypes.Deployments, Workloads.Deployment());
        var (code, _, stderr) = await sim.ImageRollAsync("rollout", "deployment/example", "--from", "example:latest", "--trigger-grace", "1s", "--no-wait");
        Assert.Equal(5, code);
        Assert.Contains("IR3334", stderr, StringComparison.Ordinal);
        Assert.Contains("--trigger patch", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_paused_trigger_is_refused_in_patch_mode_unless_ignore_paused()
    {
        var (sim, value) = await SetUpAsync("image-trigger", "deployment");
        await using var cluster = sim;
        var created = Workloads.Put(sim, ResourceTypes.Deployments, Workloads.Deployment("example", Workloads.WebTrigger.Replace("\"paused\":false", "\"paused\":true", StringComparison.Ordinal)));
        var (code, _, stderr) = await sim.ImageRollAsync("rollout", "deployment/example", "--from", "example:latest", "--trigger", "patch", "--no-wait");
        Assert.Equal(2, code);
        Assert.Contains("IR3320", stderr, StringComparison.Ordinal);
        Assert.Equal((string?)created["metadata"]!["resourceVersion"], (string?)sim.Get(ResourceTypes.Deployments, "example")["metadata"]!["resourceVersion"]);

        (code, _, stderr) = await sim.ImageRollAsync("rollout", "deployment/example", "--from", "example:latest", "--trigger", "wait", "--no-wait");
        Assert.Equal(2, code);
        Assert.Contains("IR3332", stderr, StringComparison.Ordinal);

        (code, _, stderr) = await sim.ImageRollAsync("rollout", "deployment/example", "--from", "example:latest", "--trigger", "patch", "--ignore-paused", "--no-wait");
        Assert.True(code == 0, stderr);
        Assert.Equal(value, Workloads.Image(sim.Get(ResourceTypes.Deployments, "example")));
    }

    [Fact]
    public async Task Without_workloads_every_workload_the_tag_triggers_is_found()
    {
        var (sim, value) = await SetUpAsync("image-trigger");
        await using var cluster = sim;
        Workloads.Put(sim, ResourceTypes.Deployments, Workloads.Deployment("example"));
        Workloads.Put(sim, ResourceTypes.Deployments, Workloads.Deployment("unrelated", triggers: null));
        var sts = Workloads.Deployment("example-db");
        sts["kind"] = "StatefulSet";
        sts["spec"]!["serviceName"] = "example-db";
        Workloads.Put(sim, ResourceTypes.StatefulSets, sts);
        var (code, stdout, stderr) = await sim.ImageRollAsync("rollout", "--from", "example:latest", "--trigger", "patch", "--no-wait", "-o", "json");
        Assert.True(code == 0, stderr);
        Assert.Contains("deployment/example", stdout, StringComparison.Ordinal);
        Assert.Contains("statefulset/example-db", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("unrelated", stdout, StringComparison.Ordinal);
        Assert.Equal(value, Workloads.Image(sim.Get(ResourceTypes.StatefulSets, "example-db")));
        Assert.Equal(" ", Workloads.Image(sim.Get(ResourceTypes.Deployments, "unrelated")));
    }

    [Fact]
    public async Task A_Local_reference_policy_makes_the_trigger_write_the_integrated_registry_pull_spec()
    {
        await using var sim = await OpenShiftSim.StartAsync("deployment");
        var image = await TestImages.PushAsync(TestServices.Registry, $"apps/example-{Guid.NewGuid():N}", cancellationToken: TestContext.Current.CancellationToken);
        var (code, stdout, stderr) = await sim.ImageRollAsync("tag", image, "example:latest", "--create-stream", "--reference-policy", "Local", "--timeout", "30s");
        Assert.True(code == 0, stderr);
        var local = $"image-registry.openshift-image-registry.svc:5000/default/example@{image.Split('@')[1]}";
        Assert.Equal(local, stdout.Trim().Split('\n')[^1]);
        Workloads.Put(sim, ResourceTypes.Deployments, Workloads.Deployment());
        (code, _, stderr) = await sim.ImageRollAsync("rollout", "deployment/example", "--from", "example:latest", "--no-wait");
        Assert.True(code == 0, stderr);
        Assert.Equal(local, Workloads.Image(sim.Get(ResourceTypes.Deployments, "example")));
    }

    [Fact]
    public async Task The_controller_writes_only_when_the_value_differs()
    {
        var (sim, value) = await SetUpAsync("deployment");
        await using var cluster = sim;
        Workloads.Put(sim, ResourceTypes.Deployments, Workloads.Deployment());
        var set = await sim.WaitForAsync(ResourceTypes.Deployments, "example", d => Workloads.Image(d) == value, "the trigger controller");

        // Another tag of the stream moves: the stream changes, the resolved value for example:latest does not.
        var other = await TestImages.PushAsync(TestServices.Registry, $"apps/other-{Guid.NewGuid():N}", cancellationToken: TestContext.Current.CancellationToken);
        var (code, _, stderr) = await sim.ImageRollAsync("tag", other, "example:v2", "--timeout", "30s");
        Assert.True(code == 0, stderr);
        Workloads.Put(sim, ResourceTypes.Deployments, Workloads.Deployment("witness"));
        await sim.WaitForAsync(ResourceTypes.Deployments, "witness", d => Workloads.Image(d) == value, "the controller to process the stream change");
        Assert.Equal((string?)set["metadata"]!["resourceVersion"], (string?)sim.Get(ResourceTypes.Deployments, "example")["metadata"]!["resourceVersion"]);
    }

    [Fact]
    public async Task A_trigger_may_follow_a_stream_in_another_namespace()
    {
        await using var sim = await OpenShiftSim.StartAsync("deployment");
        var image = await TestImages.PushAsync(TestServices.Registry, $"apps/shared-{Guid.NewGuid():N}", cancellationToken: TestContext.Current.CancellationToken);
        var (code, _, stderr) = await sim.ImageRollAsync("tag", image, "kube-public/example:latest", "--create-stream", "--timeout", "30s");
        Assert.True(code == 0, stderr);
        var trigger = Workloads.WebTrigger.Replace("\"name\":\"example:latest\"", "\"name\":\"example:latest\",\"namespace\":\"kube-public\"", StringComparison.Ordinal);
        Workloads.Put(sim, ResourceTypes.Deployments, Workloads.Deployment("consumer", trigger));
        Workloads.Put(sim, ResourceTypes.Deployments, Workloads.Deployment("example"));
        (code, var stdout, stderr) = await sim.ImageRollAsync("rollout", "--from", "kube-public/example:latest", "-n", "default", "--trigger", "wait", "--no-wait");
        Assert.True(code == 0, stderr);
        Assert.Contains("deployment/consumer", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("deployment/example", stdout, StringComparison.Ordinal);
        Assert.Equal(image, Workloads.Image(sim.Get(ResourceTypes.Deployments, "consumer")));
    }
}
