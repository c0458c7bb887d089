using System.Text.Json;
using System.Text.Json.Nodes;
using ImageRoll.Kubernetes;
using ImageRoll.Kubernetes.Models;

namespace ImageRoll.IntegrationTests.Kubernetes;

/// <summary>The real kubectl and ImageRoll's client, against the simulated cluster, see the same objects.</summary>
public sealed class KubectlAgreementTests(SimulatorKubeFixture fx) : IClassFixture<SimulatorKubeFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Name(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..6]}";

    private static string DeploymentYaml(string name) => $"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {name}
          labels: {"{"}app: {name}{"}"}
          annotations: {"{"}example.com/note: "kept"{"}"}
        spec:
          replicas: 2
          selector:
            matchLabels: {"{"}app: {name}{"}"}
          template:
            metadata:
              labels: {"{"}app: {name}{"}"}
            spec:
              containers:
              - name: web
                image: 127.0.0.1:5000/apps/web:v1
                ports: [{"{"}containerPort: 8080{"}"}]
                env: [{"{"}name: MODE, value: prod{"}"}]
        """;

    private static JsonNode ToNode(KubeObject obj) => JsonSerializer.SerializeToNode(obj, obj.GetType(), KubeJson.Options)!;

    private static void AssertSameJson(JsonNode expected, JsonNode actual) =>
        Assert.True(JsonNode.DeepEquals(expected, actual), $"expected:\n{expected}\nactual:\n{actual}");

    [Fact]
    public async Task Object_applied_by_kubectl_reads_equal_through_imageroll()
    {
        var name = Name("applied");
        (await fx.Kubectl(["apply", "-f", "-"], stdin: DeploymentYaml(name))).EnsureSuccess("kubectl apply");
        using var client = fx.Client();

        var viaKubectl = JsonNode.Parse((await fx.Kubectl("get", "deployment", name, "-o", "json")).EnsureSuccess("kubectl get").Stdout)!;
        var viaClient = await client.GetAsync<KubeObject>(ResourceKind.Deployments, null, name, Ct);

        AssertSameJson(viaKubectl, ToNode(viaClient));
        Assert.Equal("default", client.DefaultNamespace);
        Assert.NotNull(viaClient.Metadata.Annotation("kubectl.kubernetes.io/last-applied-configuration"));
    }

    [Fact]
    public async Task Object_created_by_imageroll_reads_equal_through_kubectl_and_lists_agree()
    {
        var name = Name("created");
        using var client = fx.Client();
        var cm = JsonSerializer.Deserialize<KubeObject>($$$"""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"{{{name}}}","labels":{"team":"a"}},"data":{"k":"v","nested":"{\"x\":1}"}}""", KubeJson.Options)!;
        var configMaps = new ResourceKind("", "v1", "configmaps", "ConfigMap");

        var created = await client.CreateAsync(configMaps, null, cm, null, Ct);
        var viaKubectl = JsonNode.Parse((await fx.Kubectl("get", "configmap", name, "-o", "json")).EnsureSuccess("kubectl get").Stdout)!;
        var list = await client.ListAsync<KubeObject>(configMaps, null, new ListOptions(LabelSelector: "team=a"), Ct);
        var kubectlList = JsonNode.Parse((await fx.Kubectl("get", "configmap", "-l", "team=a", "-o", "json")).EnsureSuccess("kubectl get list").Stdout)!;

        AssertSameJson(viaKubectl, ToNode(created));
        Assert.Equal(
            kubectlList["items"]!.AsArray().Select(i => (string?)i!["metadata"]!["name"]).Order(),
            list.Items.Select(i => i.Metadata.Name).Order());
        Assert.Contains(name, list.Items.Select(i => i.Metadata.Name));
    }

    [Fact]
    public async Task Patches_of_every_type_from_imageroll_are_what_kubectl_then_reads()
    {
        var name = Name("patched");
        (await fx.Kubectl(["apply", "-f", "-"], stdin: DeploymentYaml(name))).EnsureSuccess("kubectl apply");
        using var client = fx.Client();

        await client.PatchAsync<KubeObject>(ResourceKind.Deployments, null, name, PatchType.Merge, """{"metadata":{"labels":{"merge":"yes"}}}""", null, Ct);
        await client.PatchAsync<KubeObject>(ResourceKind.Deployments, null, name, PatchType.Json, """[{"op":"replace","path":"/spec/replicas","value":3}]""", null, Ct);
        await client.PatchAsync<KubeObject>(ResourceKind.Deployments, null, name, PatchType.StrategicMerge,
            """{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"127.0.0.1:5000/apps/web@sha256:1111111111111111111111111111111111111111111111111111111111111111"}]}}}}""", null, Ct);
        var dry = await client.PatchAsync<KubeObject>(ResourceKind.Deployments, null, name, PatchType.Merge, """{"spec":{"replicas":9}}""", new WriteOptions(DryRun: true), Ct);
        var applied = await client.PatchAsync<KubeObject>(ResourceKind.Deployments, null, name, PatchType.Apply,
            $$$$"""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"{{{{name}}}}","annotations":{"imageroll/applied":"true"}}}""", new WriteOptions(Force: true), Ct);

        var json = JsonNode.Parse((await fx.Kubectl("get", "deployment", name, "-o", "json")).EnsureSuccess("kubectl get").Stdout)!;
        Assert.Equal("yes", (string?)json["metadata"]!["labels"]!["merge"]);
        Assert.Equal(3, (int)json["spec"]!["replicas"]!);
        Assert.Equal(9, (int)ToNode(dry)["spec"]!["replicas"]!);
        var containers = json["spec"]!["template"]!["spec"]!["containers"]!.AsArray();
        Assert.Single(containers);
        Assert.EndsWith("@sha256:1111111111111111111111111111111111111111111111111111111111111111", (string?)containers[0]!["image"], StringComparison.Ordinal);
        Assert.Equal("prod", (string?)containers[0]!["env"]![0]!["value"]);
        Assert.Equal("true", (string?)json["metadata"]!["annotations"]!["imageroll/applied"]);
        Assert.Equal(applied.Metadata.ResourceVersion, (string?)json["metadata"]!["resourceVersion"]);
    }

    [Fact]
    public async Task Imageroll_watch_sees_what_kubectl_changes_and_deletes()
    {
        var name = Name("watched");
        using var client = fx.Client();
        var start = await client.ListAsync<KubeObject>(ResourceKind.Deployments, null, null, Ct);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cts.CancelAfter(TimeSpan.FromSeconds(60));
        var seen = new List<(WatchEventType Type, string? Label)>();
        var watching = Task.Run(async () =>
        {
            await foreach (var e in client.WatchAsync<KubeObject>(ResourceKind.Deployments, null, new WatchOptions(start.Metadata.ResourceVersion, FieldSelector: $"metadata.name={name}"), cts.Token))
            {
                if (e.Type == WatchEventType.Bookmark)
                {
                    continue;
                }

                seen.Add((e.Type, e.Object?.Metadata.Labels?.GetValueOrDefault("stage")));
                if (e.Type == WatchEventType.Deleted)
                {
                    return;
                }
            }
        }, cts.Token);

        (await fx.Kubectl(["apply", "-f", "-"], stdin: DeploymentYaml(name))).EnsureSuccess("kubectl apply");
        (await fx.Kubectl("label", "deployment", name, "stage=two")).EnsureSuccess("kubectl label");
        (await fx.Kubectl("patch", "deployment", name, "--type=merge", "-p", """{"metadata":{"labels":{"stage":"three"}}}""")).EnsureSuccess("kubectl patch");
        (await fx.Kubectl("delete", "deployment", name, "--wait=false")).EnsureSuccess("kubectl delete");
        await watching;

        Assert.Equal(
            [(WatchEventType.Added, null), (WatchEventType.Modified, "two"), (WatchEventType.Modified, "three"), (WatchEventType.Deleted, "three")],
            seen);
    }

    [Fact]
    public async Task Stale_replace_is_refused_with_the_conflict_kubectl_reports()
    {
        var name = Name("stale");
        (await fx.Kubectl(["apply", "-f", "-"], stdin: DeploymentYaml(name))).EnsureSuccess("kubectl apply");
        using var client = fx.Client();
        var stale = await client.GetAsync<KubeObject>(ResourceKind.Deployments, null, name, Ct);
        var staleJson = ToNode(stale).ToJsonString();
        (await fx.Kubectl("label", "deployment", name, "bump=1")).EnsureSuccess("kubectl label");

        var ex = await Assert.ThrowsAsync<KubeApiException>(() => client.ReplaceAsync(ResourceKind.Deployments, null, stale, null, Ct));
        var kubectl = await fx.Kubectl(["replace", "-f", "-"], stdin: staleJson);

        Assert.Equal("IR3102", ex.Code);
        Assert.True(ex.IsConflict);
        Assert.Equal(3, ex.ExitCode);
        Assert.NotEqual(0, kubectl.ExitCode);
        Assert.Contains("Error from server (Conflict)", kubectl.Stderr, StringComparison.Ordinal);
        Assert.Contains(ex.Message, kubectl.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Discovery_agrees_with_kubectl_api_versions()
    {
        using var client = fx.Client();
        var versions = (await fx.Kubectl("api-versions")).EnsureSuccess("kubectl api-versions").Stdout
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        foreach (var gv in new[] { "v1", "apps/v1", "image.openshift.io/v1", "apps.openshift.io/v1" })
        {
            Assert.Equal(versions.Contains(gv), await client.ServesAsync(gv, Ct));
        }

        Assert.True(await client.ServesAsync("image.openshift.io/v1", Ct));
        Assert.False(await client.ServesAsync("nothing.example.com/v1", Ct));
    }

    [Fact]
    public async Task Not_found_and_already_exists_carry_the_words_kubectl_prints()
    {
        var name = Name("dup");
        using var client = fx.Client();
        (await fx.Kubectl("create", "deployment", name, "--image=127.0.0.1:5000/apps/web:v1")).EnsureSuccess("kubectl create");
        var existing = await client.GetAsync<KubeObject>(ResourceKind.Deployments, null, name, Ct);
        existing.Metadata.ResourceVersion = null;
        existing.Metadata.Uid = null;

        var exists = await Assert.ThrowsAsync<KubeApiException>(() => client.CreateAsync(ResourceKind.Deployments, null, existing, null, Ct));
        var kubectlExists = await fx.Kubectl("create", "deployment", name, "--image=127.0.0.1:5000/apps/web:v1");
        var missing = await Assert.ThrowsAsync<KubeApiException>(() => client.GetAsync<KubeObject>(ResourceKind.Deployments, null, name + "-missing", Ct));
        var kubectlMissing = await fx.Kubectl("get", "deployment", name + "-missing");

        Assert.Equal("IR3103", exists.Code);
        Assert.True(exists.IsAlreadyExists);
        Assert.Contains($"failed to create deployment: {exists.Message}", kubectlExists.Stderr, StringComparison.Ordinal);
        Assert.Equal("IR3101", missing.Code);
        Assert.True(missing.IsNotFound);
        Assert.Contains($"Error from server (NotFound): {missing.Message}", kubectlMissing.Stderr, StringComparison.Ordinal);
    }
}
